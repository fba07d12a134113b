#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Seeds for the vhost_user_reply fuzzer (tests/fuzz/fuzz_vhost_user_reply.c): replies a
back-end might send, good and bad, in the fuzzer's input format (11 bytes of parameters: fds
sent with each of two pieces as nibbles, fds expected, split point, request expected, min and
max size -- the min size, mod 257, is also the size the transport's GET_CONFIG handler was
asked for; then the stream).
Usage: gen-vhost-user-seeds.py OUTDIR   (writes vhost-user-seed-*.bin; the committed ones live
in tests/fuzz/regressions/)."""
import os
import struct
import sys

V1, REPLY, NEED_REPLY = 1, 4, 8
GET_FEATURES, GET_PROTOCOL_FEATURES, GET_VRING_BASE, GET_CONFIG, GET_INFLIGHT_FD = 1, 15, 11, 24, 31
PAYLOAD_MAX = 12 + 256


def params(request, lo, hi, fds=0, expect=0, split=0):
    return bytes([fds, expect, split]) + struct.pack('<IHH', request, lo, hi)


def msg(request, flags, payload, size=None):
    return struct.pack('<III', request, flags, len(payload) if size is None else size) + payload


u64 = struct.pack('<Q', (1 << 30) | (1 << 32) | (1 << 26) | (1 << 24))
state = struct.pack('<II', 0, 17)
config = struct.pack('<III', 0, 60, 0) + bytes(range(60))
seeds = {
    'features': params(GET_FEATURES, 8, 8) + msg(GET_FEATURES, V1 | REPLY, u64),
    'protocol-features': params(GET_PROTOCOL_FEATURES, 8, 8) + msg(GET_PROTOCOL_FEATURES, V1 | REPLY, struct.pack('<Q', 0x8209)),
    'vring-base': params(GET_VRING_BASE, 8, 8) + msg(GET_VRING_BASE, V1 | REPLY, state),
    'config': params(GET_CONFIG, 12, 12 + 60) + msg(GET_CONFIG, V1 | REPLY, config),
    'config-sliced': params(GET_CONFIG, 60, 12 + 60) + msg(GET_CONFIG, V1 | REPLY, config),
    'config-refused': params(GET_CONFIG, 60, 12 + 60) + msg(GET_CONFIG, V1 | REPLY, b''),
    'config-full': params(GET_CONFIG, 12, PAYLOAD_MAX) + msg(GET_CONFIG, V1 | REPLY, bytes(PAYLOAD_MAX)),
    'inflight-fd': params(GET_INFLIGHT_FD, 16, 16, fds=1, expect=1) + msg(GET_INFLIGHT_FD, V1 | REPLY, bytes(16)),
    'wrong-request': params(GET_FEATURES, 8, 8) + msg(GET_PROTOCOL_FEATURES, V1 | REPLY, u64),
    'not-a-reply': params(GET_FEATURES, 8, 8) + msg(GET_FEATURES, V1 | NEED_REPLY, u64),
    'version-2': params(GET_FEATURES, 8, 8) + msg(GET_FEATURES, 2 | REPLY, u64),
    'short': params(GET_FEATURES, 8, 8) + msg(GET_FEATURES, V1 | REPLY, b'\1\2\3\4'),
    'long': params(GET_FEATURES, 8, 8) + msg(GET_FEATURES, V1 | REPLY, u64 + u64),
    'size-above-buffer': params(GET_CONFIG, 12, PAYLOAD_MAX) + msg(GET_CONFIG, V1 | REPLY, b'', PAYLOAD_MAX + 1),
    'size-huge': params(GET_CONFIG, 12, PAYLOAD_MAX) + msg(GET_CONFIG, V1 | REPLY, b'', 0xffffffff),
    'payload-cut': params(GET_FEATURES, 8, 8) + msg(GET_FEATURES, V1 | REPLY, u64)[:15],
    'header-cut': params(GET_FEATURES, 8, 8) + msg(GET_FEATURES, V1 | REPLY, u64)[:7],
    'empty': params(GET_FEATURES, 8, 8),
    'unexpected-fd': params(GET_FEATURES, 8, 8, fds=1) + msg(GET_FEATURES, V1 | REPLY, u64),
    'missing-fd': params(GET_INFLIGHT_FD, 16, 16, expect=1) + msg(GET_INFLIGHT_FD, V1 | REPLY, bytes(16)),
    'ten-fds': params(GET_FEATURES, 8, 8, fds=10) + msg(GET_FEATURES, V1 | REPLY, u64),
    'split-header': params(GET_FEATURES, 8, 8, fds=2, expect=2, split=5) + msg(GET_FEATURES, V1 | REPLY, u64),
    'split-payload': params(GET_FEATURES, 8, 8, split=14) + msg(GET_FEATURES, V1 | REPLY, u64),
    'fds-in-both-pieces': params(GET_FEATURES, 8, 8, fds=0x66, split=6) + msg(GET_FEATURES, V1 | REPLY, u64),
    'fd-in-next-message': params(GET_FEATURES, 8, 8, fds=0x10, split=20) + msg(GET_FEATURES, V1 | REPLY, u64) * 2,
    'two-replies': params(GET_FEATURES, 8, 8) + msg(GET_FEATURES, V1 | REPLY, u64) * 2,
    'bad-args': params(GET_FEATURES, 9, 8, expect=9) + msg(GET_FEATURES, V1 | REPLY, u64),
}
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
for name, data in seeds.items():
    with open(os.path.join(out, 'vhost-user-seed-%s.bin' % name), 'wb') as f:
        f.write(data)
print(len(seeds), 'seeds')
