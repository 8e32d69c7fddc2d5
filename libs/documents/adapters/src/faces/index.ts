export * from './face-engine-error';
export type { FaceImageInput, RgbImage } from './decode-face-image';
export * from './face-engine';
