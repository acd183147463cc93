package dev.wasmworkers.engine.wasi;

/**
 * One entry of a directory listing, as {@code fd_readdir} writes it after a
 * {@code dirent}.
 *
 * @param name the entry's name in UTF-8
 * @param inode its serial number, 0 when unknown
 * @param fileType its {@code filetype} code
 */
record DirectoryEntry(byte[] name, long inode, int fileType) {
}
