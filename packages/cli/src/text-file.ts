import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { offerSpareBuffer } from '@sfn-lint/core';

/**
 * From this size on, the bytes a text was decoded from are offered to the JSON parser for
 * its code units (core's offerSpareBuffer): memory already touched, where fresh pages
 * would each cost a page fault. Smaller buffers may be slices of Buffer's shared pool.
 */
const SPARE_FROM = 64 * 1024;

/**
 * A file's text, decoded as UTF-8 as `readFileSync(path, 'utf8')` does, and throwing as it
 * does. The bytes are read into one buffer of the file's size: Node's UTF-8 read grows its
 * buffer as it reads, and on a 1 MB definition touches 190 more fresh pages of memory,
 * about 2.5 ms on a small virtual machine where each costs some 14 µs. A file whose size
 * is not known up front (a pipe, a file of /proc) or that changes while it is read is read
 * again the usual way.
 */
export function readTextFile(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > 0) {
      // One byte more than the size: reading it tells that the file grew meanwhile.
      const bytes = Buffer.allocUnsafe(size + 1);
      let read = 0;
      for (let n; read <= size && (n = readSync(fd, bytes, read, size + 1 - read, null)) > 0; ) read += n;
      if (read === size) {
        const text = bytes.toString('utf8', 0, size);
        if (size >= SPARE_FROM) offerSpareBuffer(bytes);
        return text;
      }
    }
  } finally {
    closeSync(fd);
  }
  return readFileSync(path, 'utf8');
}
