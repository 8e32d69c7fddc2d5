import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { ConfigError, loadConfig, type OptionalVariable } from '@kyc/config';

/** The app that runs the whole platform in one process; every other app is one process of the distributed mode. */
export const EMBEDDED_APP = 'all-in-one';

export interface DistributedApp {
  name: string;
  /** Relative to the repository root, with forward slashes, as a container command names it. */
  main: string;
  /** What its main.ts passes to runService: the run mode and the variables it requires beyond that mode. */
  mode: string | undefined;
  require: string[];
}

/** Every folder under apps/ but the embedded one, read from its main.ts. */
export function distributedApps(root: string): DistributedApp[] {
  return readdirSync(join(root, 'apps'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== EMBEDDED_APP)
    .map((entry) => {
      const main = `apps/${entry.name}/src/main.ts`;
      return { name: entry.name, main, ...runServiceOptions(join(root, main)) };
    });
}

function runServiceOptions(mainPath: string): Pick<DistributedApp, 'mode' | 'require'> {
  const source = readFileSync(mainPath, 'utf8');
  const options = /runService\(\s*'[^']+'\s*,\s*\{([^}]*)\}/.exec(source)?.[1];
  if (options === undefined) throw new Error(`${mainPath} does not call runService('<name>', { ... }, ...)`);
  const names = /require:\s*\[([^\]]*)\]/.exec(options)?.[1] ?? '';
  return {
    mode: /mode:\s*'([^']+)'/.exec(options)?.[1],
    require: [...names.matchAll(/'([A-Z0-9_]+)'/g)].map((match) => match[1]),
  };
}

/** What loadConfig reports missing for a process of the distributed mode that requires `require`, given nothing. */
export function requiredVariables(require: readonly string[]): string[] {
  try {
    loadConfig({}, { mode: 'distributed', require: require as OptionalVariable[] });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => problem.variable);
    throw error;
  }
  throw new Error('loadConfig accepted an empty environment in distributed mode');
}

/** The variables the configuration schema reads: the keys of the object load-config.ts hands to `cleanEnv`. */
export function configVariables(root: string): string[] {
  const path = join(root, 'libs/platform/config/src/load-config.ts');
  const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  let names: string[] | undefined;
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'cleanEnv'
    ) {
      const schema = node.arguments[1];
      if (schema && ts.isObjectLiteralExpression(schema)) {
        names = schema.properties.map((property) => property.name?.getText(file) ?? '');
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (!names?.length) throw new Error(`no cleanEnv(env, { ... }) schema found in ${path}`);
  return names;
}
