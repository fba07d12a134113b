/* SPDX-License-Identifier: MIT */
#include "vdisc_env.h"

#include <vdisc/arena.h>

void vdisc_arena_init(struct vdisc_arena *arena, void *buf, size_t size)
{
	arena->base = buf;
	arena->size = buf ? size : 0;
	arena->used = 0;
}

void *vdisc_arena_alloc(struct vdisc_arena *arena, size_t size, size_t align)
{
	uintptr_t start, pad;
	void *p;

	if (align == 0 || (align & (align - 1)) != 0)
		return NULL;
	start = (uintptr_t)arena->base + arena->used;
	pad = (align - (start & (align - 1))) & (align - 1);
	if (pad > arena->size - arena->used || size > arena->size - arena->used - pad)
		return NULL;
	p = arena->base + arena->used + pad;
	arena->used += pad + size;
	memset(p, 0, size);
	return p;
}

void *vdisc_arena_alloc_array(struct vdisc_arena *arena, size_t count, size_t size, size_t align)
{
	if (size != 0 && count > SIZE_MAX / size)
		return NULL;
	return vdisc_arena_alloc(arena, count * size, align);
}

char *vdisc_arena_strndup(struct vdisc_arena *arena, const char *s, size_t len)
{
	char *copy;

	if (len == SIZE_MAX)
		return NULL;
	copy = vdisc_arena_alloc(arena, len + 1, 1);
	if (copy) {
		memcpy(copy, s, len);
		copy[len] = '\0';
	}
	return copy;
}

void vdisc_arena_shrink(struct vdisc_arena *arena, void *p, size_t old_size, size_t new_size)
{
	unsigned char *end = arena->base + arena->used;

	if (new_size < old_size && (unsigned char *)p + old_size == end)
		arena->used -= old_size - new_size;
}
