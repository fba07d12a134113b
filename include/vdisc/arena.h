/* SPDX-License-Identifier: MIT */
#ifndef VDISC_ARENA_H
#define VDISC_ARENA_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The core never allocates: the caller hands in a byte buffer and every
 * result lives in it.  Allocation is a bump of a cursor; there is no free.
 * A model is valid for as long as its arena's buffer (and, for a device
 * tree, the blob it was scanned from) stays alive and unmodified.
 */
struct vdisc_arena {
	unsigned char *base;
	size_t size;
	size_t used;
};

/**
 * vdisc_arena_init - make a caller's buffer the arena's storage
 * @arena: the arena, any contents
 * @buf: the storage; it must outlive everything allocated from it
 * @size: bytes at @buf
 */
void vdisc_arena_init(struct vdisc_arena *arena, void *buf, size_t size);

/**
 * vdisc_arena_alloc - take zeroed bytes from the arena
 * @arena: an initialised arena
 * @size: bytes wanted
 * @align: their alignment, a power of 2
 *
 * returns:
 *	the memory, or NULL when the arena cannot hold it (the arena is left
 *	unchanged, so the caller may report -VDISC_ENOMEM and stop).
 */
void *vdisc_arena_alloc(struct vdisc_arena *arena, size_t size, size_t align);

/**
 * vdisc_arena_strndup - copy a string into the arena
 * @arena: an initialised arena
 * @s: the bytes to copy
 * @len: how many; a terminating NUL is added
 *
 * returns:
 *	the copy, or NULL when the arena is full.
 */
char *vdisc_arena_strndup(struct vdisc_arena *arena, const char *s, size_t len);

/**
 * vdisc_arena_alloc_array - take zeroed room for an array
 * @arena: an initialised arena
 * @count: elements wanted
 * @size: bytes per element
 * @align: their alignment, a power of 2
 *
 * returns:
 *	the memory, or NULL when the arena is full or @count * @size overflows.
 */
void *vdisc_arena_alloc_array(struct vdisc_arena *arena, size_t count, size_t size, size_t align);

/**
 * vdisc_arena_shrink - give back the tail of the most recent allocation
 * @arena: the arena @p came from
 * @p: an allocation
 * @old_size: its size
 * @new_size: the size to keep, <= @old_size
 *
 * When @p is the last thing allocated the arena keeps only its first
 * @new_size bytes; otherwise nothing happens.
 */
void vdisc_arena_shrink(struct vdisc_arena *arena, void *p, size_t old_size, size_t new_size);

/* C++ spells C11's _Alignof as alignof. */
#ifdef __cplusplus
#define VDISC_ALIGNOF_(type) alignof(type)
#else
#define VDISC_ALIGNOF_(type) _Alignof(type)
#endif
#define VDISC_ARENA_NEW(arena, type, count) \
	((type *)vdisc_arena_alloc_array((arena), (count), sizeof(type), VDISC_ALIGNOF_(type)))

#ifdef __cplusplus
}
#endif

#endif
