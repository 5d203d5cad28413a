// Test helper: runs a function that must throw an AppError and returns that error, so a test can assert
// both its code and its message. Anything else (no throw, another error type) fails the test.
import { AppError } from '../../src/errors.js';

export function rejectionOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError, but nothing was thrown');
}
