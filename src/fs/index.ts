// File helpers shared by every folder that keeps state on disk (images/, auth/): crash-safe atomic
// replacement, reading only regular files (no symlinks, FIFOs or devices), reading a JSON file checked
// against a schema, and moving a damaged file aside instead of overwriting it.
export {
  removeQuietly,
  renameDurably,
  TEMP_FILE_PATTERN,
  tempPathFor,
  type WriteAtomicOptions,
  writeAndSync,
  writeFileAtomic,
  writeFileDurably,
} from './atomic.js';
export { corruptNameFor, type JsonFileState, moveAside, readJsonFile } from './json-file.js';
export { type FileContents, isAbsent, readRegularFile, readRegularFileSync } from './safe-read.js';
