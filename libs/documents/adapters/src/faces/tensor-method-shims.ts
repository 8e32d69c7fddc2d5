import type * as TfCore from '@tensorflow/tfjs-core';

/**
 * face-api calls tensor methods such as `t.as3D(...)` or `t.div(255)`. Those "chained ops" are installed on the
 * Tensor prototype by the `@tensorflow/tfjs` umbrella package, which also drags in the WebGL backend, layers
 * and data packages; the product depends only on tfjs-core and the WASM backend, whose CommonJS builds do not
 * install them. The methods below are the ones the detectors, the landmark net and the recognition net call
 * (traced over the demo photos), each a thin call of the core op, as upstream defines it.
 */
const SAME_NAME_OPS = ['div', 'expandDims', 'mean', 'mul', 'reshape', 'slice', 'sub'] as const;

type Method = (this: TfCore.Tensor, ...args: unknown[]) => TfCore.Tensor | TfCore.Tensor[];

export function installTensorMethods(tf: typeof TfCore): void {
  const prototype = tf.Tensor.prototype as unknown as Record<string, Method>;
  const define = (name: string, method: Method) => {
    if (typeof prototype[name] !== 'function') prototype[name] = method;
  };
  const ops = tf as unknown as Record<string, (...args: unknown[]) => TfCore.Tensor | TfCore.Tensor[]>;
  for (const name of SAME_NAME_OPS) {
    define(name, function (...args) {
      this.throwIfDisposed();
      return ops[name](this, ...args);
    });
  }
  define('as1D', function () {
    return tf.reshape(this, [this.size]);
  });
  for (const name of ['as2D', 'as3D', 'as4D']) {
    define(name, function (...shape) {
      return tf.reshape(this, shape as number[]);
    });
  }
}
