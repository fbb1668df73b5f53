// The datasets the app knows, shared by the set-up pipeline (datasets/) and the app.
// Official URLs and checksums are the publishers'; they verify downloads, not local copies.

export type BuiltinDatasetId = 'mnist' | 'fashion-mnist' | 'cifar10';

/** A dataset the user made in the app from their own images (src/engine/data/userDatasets.ts), kept in IndexedDB. */
export type OwnDatasetId = `own-${string}`;

export type DatasetId = BuiltinDatasetId | OwnDatasetId;

/** The built-in datasets, served from public/datasets/. */
export const DATASET_IDS: readonly BuiltinDatasetId[] = ['mnist', 'fashion-mnist', 'cifar10'];

/** Own dataset ids: "own-" and up to 40 lower-case letters and digits (made by the app, read back from links). */
export const OWN_DATASET_ID = /^own-[a-z0-9]{1,40}$/;

export function isOwnDatasetId(id: string): id is OwnDatasetId {
  return OWN_DATASET_ID.test(id);
}

export function isBuiltinDatasetId(id: string): id is BuiltinDatasetId {
  return (DATASET_IDS as readonly string[]).includes(id);
}

export interface RemoteFile {
  /** File name in the source folder and in the download cache. */
  name: string;
  url: string;
  md5: string;
}

export interface DatasetInfo {
  id: BuiltinDatasetId;
  name: string;
  imageShape: [number, number, number];
  classNames: string[];
  format: 'idx' | 'cifar-binary';
  /** Folder inside a local source folder (such as ../shared/datasets) holding the files. */
  localFolder: string;
  files: RemoteFile[];
  /**
   * How `npm run datasets` stores the split files. MNIST, which every first visit loads, is brotli: 9.7 MB on
   * the wire instead of gzip's 11.4, for about a minute of compression at set-up and under a second of
   * decoding in the worker. Fashion-MNIST and CIFAR-10 are opened by choice and stay gzip: prepared in a
   * second, decoded natively (CIFAR's photos gain little from either).
   */
  encoding: 'brotli' | 'gzip';
  license: string;
  citation: string;
}

const LECUN = 'http://yann.lecun.com/exdb/mnist/';
const ZALANDO = 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/';

export const CATALOG: Record<BuiltinDatasetId, DatasetInfo> = {
  mnist: {
    id: 'mnist',
    name: 'MNIST',
    imageShape: [28, 28, 1],
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    format: 'idx',
    localFolder: 'mnist',
    encoding: 'brotli',
    files: [
      { name: 'train-images-idx3-ubyte.gz', url: `${LECUN}train-images-idx3-ubyte.gz`, md5: 'f68b3c2dcbeaaa9fbdd348bbdeb94873' },
      { name: 'train-labels-idx1-ubyte.gz', url: `${LECUN}train-labels-idx1-ubyte.gz`, md5: 'd53e105ee54ea40749a09fcbcd1e9432' },
      { name: 't10k-images-idx3-ubyte.gz', url: `${LECUN}t10k-images-idx3-ubyte.gz`, md5: '9fb629c4189551a2d022fa330f9573f3' },
      { name: 't10k-labels-idx1-ubyte.gz', url: `${LECUN}t10k-labels-idx1-ubyte.gz`, md5: 'ec29112dd5afa0611ce80d1b7f02629c' },
    ],
    license: 'CC BY-SA 3.0 (Yann LeCun, Corinna Cortes, Christopher J.C. Burges)',
    citation: 'LeCun, Bottou, Bengio, Haffner: Gradient-based learning applied to document recognition, 1998.',
  },
  'fashion-mnist': {
    id: 'fashion-mnist',
    name: 'Fashion-MNIST',
    imageShape: [28, 28, 1],
    classNames: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
    format: 'idx',
    localFolder: 'fashion-mnist',
    encoding: 'gzip',
    files: [
      { name: 'train-images-idx3-ubyte.gz', url: `${ZALANDO}train-images-idx3-ubyte.gz`, md5: '8d4fb7e6c68d591d4c3dfef9ec88bf0d' },
      { name: 'train-labels-idx1-ubyte.gz', url: `${ZALANDO}train-labels-idx1-ubyte.gz`, md5: '25c81989df183df01b3e8a0aad5dffbe' },
      { name: 't10k-images-idx3-ubyte.gz', url: `${ZALANDO}t10k-images-idx3-ubyte.gz`, md5: 'bef4ecab320f06d8554ea6380940ec79' },
      { name: 't10k-labels-idx1-ubyte.gz', url: `${ZALANDO}t10k-labels-idx1-ubyte.gz`, md5: 'bb300cfdad3c16e7a12a480ee83cd310' },
    ],
    license: 'MIT (© Zalando SE)',
    citation: 'Xiao, Rasul, Vollgraf: Fashion-MNIST, 2017.',
  },
  cifar10: {
    id: 'cifar10',
    name: 'CIFAR-10',
    imageShape: [32, 32, 3],
    classNames: ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'],
    format: 'cifar-binary',
    localFolder: '.',
    encoding: 'gzip',
    files: [
      { name: 'cifar-10-binary.tar.gz', url: 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz', md5: 'c32a1d4ab5d03f1284b67883e8d87530' },
    ],
    license: 'No license stated; cite the technical report.',
    citation: 'Alex Krizhevsky: Learning Multiple Layers of Features from Tiny Images, 2009.',
  },
};

/** The exact command that prepares one dataset, shown in the app when it is missing. */
export function prepareCommand(id: BuiltinDatasetId): string {
  return `npm run datasets -- --only ${id}`;
}
