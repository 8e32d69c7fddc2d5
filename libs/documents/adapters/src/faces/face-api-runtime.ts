import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { compileFunction } from 'node:vm';
import type * as TfCore from '@tensorflow/tfjs-core';
import type * as FaceApi from '@vladmandic/face-api';
import { installTensorMethods } from './tensor-method-shims';

export type FaceApiModule = typeof FaceApi;

export interface FaceApiRuntime {
  faceapi: FaceApiModule;
  /** Where the weights shipped with face-api live; read from disk, never fetched. */
  modelDir: string;
  /** Milliseconds spent loading the libraries and starting the WASM backend. */
  startMs: number;
}

const FACE_API_WASM_BUILD = '@vladmandic/face-api/dist/face-api.node-wasm.js';

let runtime: Promise<FaceApiRuntime> | undefined;

/**
 * Loads face-api on the tfjs WASM backend, once per process: tfjs keeps a single global engine, so every
 * engine instance shares this runtime. A failed start is not cached, so a later call may retry.
 */
export function loadFaceApiRuntime(): Promise<FaceApiRuntime> {
  runtime ??= startRuntime().catch((error: unknown) => {
    runtime = undefined;
    throw error;
  });
  return runtime;
}

async function startRuntime(): Promise<FaceApiRuntime> {
  const started = performance.now();
  // Loaded on first use, so that importing the library does not start tfjs.
  const tf: typeof TfCore = await import('@tensorflow/tfjs-core');
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  installTensorMethods(tf);
  const faceapi = await loadFaceApi(tf);
  // The backend reads its .wasm binaries from disk; a path prefix keeps it off any CDN.
  wasm.setWasmPaths(
    `${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`,
  );
  if (!(await tf.setBackend('wasm'))) throw new Error('The tfjs WASM backend did not start');
  await tf.ready();
  const modelDir = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  return { faceapi, modelDir, startMs: performance.now() - started };
}

/**
 * face-api's WASM build requires `@tensorflow/tfjs`, the umbrella package, only to re-export tfjs. The build is
 * evaluated here as a CommonJS module whose `require` hands it tfjs-core instead, without touching the
 * process-wide module resolution.
 */
async function loadFaceApi(tf: typeof TfCore): Promise<FaceApiModule> {
  const file = require.resolve(FACE_API_WASM_BUILD);
  const source = await readFile(file, 'utf8');
  const requireFromFaceApi = createRequire(file);
  const requireWithCore = (id: string): unknown => (id === '@tensorflow/tfjs' ? tf : requireFromFaceApi(id));
  const module = { exports: {} as FaceApiModule };
  const evaluate = compileFunction(source, ['exports', 'require', 'module', '__filename', '__dirname'], {
    filename: file,
  });
  evaluate(module.exports, requireWithCore, module, file, dirname(file));
  return module.exports;
}
