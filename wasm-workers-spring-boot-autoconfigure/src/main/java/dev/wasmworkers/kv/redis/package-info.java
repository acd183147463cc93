/**
 * The Redis KV store: worker namespaces in Redis hashes, shared by every instance of the
 * application, through its Spring Data Redis connection.
 */
@NullMarked
package dev.wasmworkers.kv.redis;

import org.jspecify.annotations.NullMarked;
