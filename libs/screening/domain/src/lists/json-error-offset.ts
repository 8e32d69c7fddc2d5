/**
 * Offset of the first JSON syntax error in `text`. Used only after JSON.parse has failed, because V8's messages
 * give a position for some faults and not for others ("Unexpected token '}', ... is not valid JSON"), and an
 * operator needs the line. A strict recursive-descent scan of RFC 8259; its speed does not matter here.
 */
export function jsonErrorOffset(text: string): number {
  let pos = 0;

  const fail = (): never => {
    throw new JsonSyntaxAt(pos);
  };
  const skipSpace = () => {
    while (pos < text.length && ' \t\r\n'.includes(text[pos])) pos += 1;
  };
  const expect = (literal: string) => {
    for (const char of literal) {
      if (text[pos] !== char) fail();
      pos += 1;
    }
  };
  const string = () => {
    expect('"');
    while (pos < text.length && text[pos] !== '"') {
      if (text.charCodeAt(pos) < 0x20) fail();
      if (text[pos] === '\\') {
        pos += 1;
        if (text[pos] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 1, pos + 5))) fail();
          pos += 4;
        } else if (!'"\\/bfnrt'.includes(text[pos] ?? 'x')) fail();
      }
      pos += 1;
    }
    expect('"');
  };
  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(pos, pos + 400));
    if (!match) fail();
    pos += match![0].length;
  };
  const sequence = (close: string, item: () => void) => {
    pos += 1;
    skipSpace();
    if (text[pos] === close) {
      pos += 1;
      return;
    }
    for (;;) {
      item();
      skipSpace();
      if (text[pos] === ',') {
        pos += 1;
        continue;
      }
      expect(close);
      return;
    }
  };
  const value = (): void => {
    skipSpace();
    const char = text[pos];
    if (char === '{') {
      sequence('}', () => {
        skipSpace();
        string();
        skipSpace();
        expect(':');
        value();
      });
    } else if (char === '[') sequence(']', value);
    else if (char === '"') string();
    else if (char === 't') expect('true');
    else if (char === 'f') expect('false');
    else if (char === 'n') expect('null');
    else number();
  };

  try {
    value();
    skipSpace();
    if (pos < text.length) fail();
    return text.length;
  } catch (error) {
    if (error instanceof JsonSyntaxAt) return error.offset;
    // Nesting deeper than the call stack: the fault is somewhere in the nesting; the scan reached `pos`.
    return pos;
  }
}

class JsonSyntaxAt {
  constructor(readonly offset: number) {}
}
