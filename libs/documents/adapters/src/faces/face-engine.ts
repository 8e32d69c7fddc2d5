import {
  DEFAULT_FACE_MATCH_POLICY,
  decideFaceMatch,
  type FaceBox,
  type FaceImageRole,
  type FaceMatchDecision,
  type FaceMatchPolicy,
  faceMatchNotPossible,
  selectSubjectFace,
} from '@kyc/documents-domain';
import { decodeFaceImage, type FaceImageInput, type RgbImage } from './decode-face-image';
import { type FaceApiModule, type FaceApiRuntime, loadFaceApiRuntime } from './face-api-runtime';
import { FaceEngineError } from './face-engine-error';

export type FaceDetectorName = 'ssd_mobilenet_v1' | 'tiny_face_detector';

export interface FaceEngineOptions {
  /** SSD MobileNet v1 finds more faces, in particular small and turned ones; the tiny detector is faster. */
  detector?: FaceDetectorName;
  /** Detections below this score are dropped by the detector itself. */
  minDetectionScore?: number;
  /** Longest image edge analysed. */
  maxEdge?: number;
  maxInputPixels?: number;
}

export interface DescribedFace {
  /** In pixels of the analysed image (see `width`/`height` of the description). */
  box: FaceBox;
  score: number;
  descriptor: Float32Array;
}

export interface FaceDescription {
  faces: DescribedFace[];
  /** Size of the image as analysed, after EXIF rotation and scaling down to `maxEdge`. */
  width: number;
  height: number;
}

const DEFAULTS: Required<FaceEngineOptions> = {
  detector: 'ssd_mobilenet_v1',
  minDetectionScore: 0.5,
  maxEdge: 1600,
  maxInputPixels: 50_000_000,
};

type Tensor3D = ReturnType<FaceApiModule['tf']['tensor3d']>;

/** Border added around an image in which no face was found, as a share of its longest edge. */
const CLOSE_UP_BORDER = 0.25;

/** A detected face plus what computing its descriptor needs, done later and only for faces that are used. */
interface LocatedFace {
  box: FaceBox;
  score: number;
  alignedBox: Parameters<FaceApiModule['extractFaceTensors']>[1][number];
}

/**
 * Face detection and 128-d descriptors with face-api on the tfjs WASM backend, all on CPU and offline: the
 * weights and the WASM binaries are read from the installed packages.
 */
export class FaceEngine {
  private readonly options: Required<FaceEngineOptions>;
  private runtime?: FaceApiRuntime;
  private starting?: Promise<number>;

  constructor(options: FaceEngineOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /**
   * Loads the backend and the weights; call once at start-up (later calls wait for the same start). Returns
   * the milliseconds the start took.
   */
  init(): Promise<number> {
    this.starting ??= this.start().catch((error: unknown) => {
      this.starting = undefined;
      throw new FaceEngineError(
        'engine_unavailable',
        `The face engine could not start: ${messageOf(error)}`,
        {
          cause: error,
        },
      );
    });
    return this.starting;
  }

  private async start(): Promise<number> {
    const started = performance.now();
    const runtime = await loadFaceApiRuntime();
    const { nets } = runtime.faceapi;
    const detector =
      this.options.detector === 'ssd_mobilenet_v1' ? nets.ssdMobilenetv1 : nets.tinyFaceDetector;
    for (const net of [detector, nets.faceLandmark68Net, nets.faceRecognitionNet]) {
      if (!net.isLoaded) await net.loadFromDisk(runtime.modelDir);
    }
    this.runtime = runtime;
    return performance.now() - started;
  }

  /** Every face in the image with its descriptor. */
  describe(image: FaceImageInput): Promise<FaceDescription> {
    return guarded(async () => {
      const pixels = await this.decode(image);
      return this.withFaces(pixels, async (located, tensor) => {
        const faces: DescribedFace[] = [];
        for (const face of located) {
          faces.push({ box: face.box, score: face.score, descriptor: await this.descriptorOf(tensor, face) });
        }
        return { faces, width: pixels.width, height: pixels.height };
      });
    });
  }

  /**
   * Compares the portrait on an identity document with a selfie. Each picture must show one subject face; a
   * missing face or a competing one ends the comparison with `no_face` / `multiple_faces` and a code.
   */
  async compare(
    documentImage: FaceImageInput,
    selfieImage: FaceImageInput,
    policy: FaceMatchPolicy = DEFAULT_FACE_MATCH_POLICY,
  ): Promise<FaceMatchDecision> {
    return guarded(async () => {
      const documentSubject = await this.subjectDescriptor(documentImage, 'document', policy);
      if ('status' in documentSubject) return documentSubject;
      const selfieSubject = await this.subjectDescriptor(selfieImage, 'selfie', policy);
      if ('status' in selfieSubject) return selfieSubject;
      return decideFaceMatch(documentSubject.descriptor, selfieSubject.descriptor, policy);
    });
  }

  private async subjectDescriptor(
    image: FaceImageInput,
    role: FaceImageRole,
    policy: FaceMatchPolicy,
  ): Promise<{ descriptor: Float32Array } | FaceMatchDecision> {
    const pixels = await this.decode(image);
    return this.withFaces(pixels, async (located, tensor) => {
      const subject = selectSubjectFace(located, role, policy.selection);
      if (subject.status !== 'found') return faceMatchNotPossible(subject.status, subject.code, policy);
      return { descriptor: await this.descriptorOf(tensor, subject.face) };
    });
  }

  /**
   * Detects the faces and hands them, with the tensor their aligned boxes refer to, to `use`. SSD MobileNet
   * misses faces that fill most of the frame, as in close-up selfies, so when nothing is found the image is
   * searched again inside a neutral grey border that brings the face back to a size the detector knows.
   */
  private async withFaces<T>(
    pixels: RgbImage,
    use: (faces: LocatedFace[], tensor: Tensor3D) => Promise<T>,
  ): Promise<T> {
    const { tf } = this.faceapi();
    const tensor = tf.tensor3d(pixels.data, [pixels.height, pixels.width, 3], 'int32');
    try {
      const faces = await this.detect(tensor);
      if (faces.length > 0) return await use(faces, tensor);
      const border = Math.round(CLOSE_UP_BORDER * Math.max(pixels.width, pixels.height));
      const framed = tf.pad(
        tensor,
        [
          [border, border],
          [border, border],
          [0, 0],
        ],
        128,
      ) as Tensor3D;
      try {
        const framedFaces = await this.detect(framed);
        const shifted = framedFaces
          .map((face) => ({ ...face, box: withinImage(face.box, border, pixels) }))
          .filter(({ box }) => box.width > 0 && box.height > 0);
        return await use(shifted, framed);
      } finally {
        framed.dispose();
      }
    } finally {
      tensor.dispose();
    }
  }

  private async detect(tensor: Tensor3D): Promise<LocatedFace[]> {
    const faceapi = this.faceapi();
    const { minDetectionScore } = this.options;
    const detectorOptions =
      this.options.detector === 'ssd_mobilenet_v1'
        ? new faceapi.SsdMobilenetv1Options({ minConfidence: minDetectionScore, maxResults: 20 })
        : new faceapi.TinyFaceDetectorOptions({ inputSize: 416, scoreThreshold: minDetectionScore });
    const results = await faceapi.detectAllFaces(tensor, detectorOptions).withFaceLandmarks();
    const [height, width] = tensor.shape;
    return (
      results
        .map(({ detection, landmarks }) => ({
          box: {
            x: detection.box.x,
            y: detection.box.y,
            width: detection.box.width,
            height: detection.box.height,
          },
          score: detection.score,
          // The recognition net was trained on faces cut out the way dlib aligns them, as face-api does itself.
          alignedBox: landmarks.align(null, { useDlibAlignment: true }),
        }))
        // A face whose aligned crop lies outside the image leaves nothing to describe.
        .filter(({ alignedBox }) => {
          const inside = alignedBox.clipAtImageBorders(width, height);
          return inside.width > 0 && inside.height > 0;
        })
    );
  }

  private async descriptorOf(tensor: Tensor3D, face: LocatedFace): Promise<Float32Array> {
    const faceapi = this.faceapi();
    const [crop] = await faceapi.extractFaceTensors(tensor, [face.alignedBox]);
    try {
      return (await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(crop)) as Float32Array;
    } finally {
      crop.dispose();
    }
  }

  private decode(image: FaceImageInput): Promise<RgbImage> {
    return decodeFaceImage(image, {
      maxEdge: this.options.maxEdge,
      maxInputPixels: this.options.maxInputPixels,
    });
  }

  private faceapi(): FaceApiModule {
    if (!this.runtime)
      throw new FaceEngineError('engine_unavailable', 'FaceEngine.init() must be called first');
    return this.runtime.faceapi;
  }
}

/** Lets coded errors through and codes anything else the backend throws (out of WASM memory, a bad shape). */
async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof FaceEngineError) throw error;
    throw new FaceEngineError('engine_failed', `The face engine failed: ${messageOf(error)}`, {
      cause: error,
    });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A box found in the bordered image, moved back to the image's own coordinates and clipped to it. */
function withinImage(box: FaceBox, border: number, image: RgbImage): FaceBox {
  const x = Math.max(0, box.x - border);
  const y = Math.max(0, box.y - border);
  return {
    x,
    y,
    width: Math.min(image.width, box.x - border + box.width) - x,
    height: Math.min(image.height, box.y - border + box.height) - y,
  };
}
