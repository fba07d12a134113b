#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Seeds for the virtq_packed fuzzer (tests/fuzz/fuzz_virtq_packed.c), in its input format:
byte 0 the set-up (bit 0 EVENT_IDX, bit 1 INDIRECT_DESC, bit 2 blk mode, bits 3-4 queue size
4/8/16/128, bit 5 async blk mode), then the stream of driver operations (byte % 7: add, add
indirect, kick, get, enable_notify, disable_notify, device action) and device actions (byte % 6:
serve one (bit 7: newest first), used descriptor, used descriptor, scribble, take, nothing).
Honest traffic over several laps, out-of-order completion, each kind of lie, and blk traffic
(sync and async) with the device serving on every clock tick.
Usage: gen-virtq-packed-seeds.py OUTDIR   (writes virtq-packed-*.bin; the committed ones live in
tests/fuzz/regressions/)."""
import os
import random
import sys

ADD, ADD_IND, KICK, GET, ENABLE, DISABLE, DEVICE = range(7)
SERVE, USED, SCRIBBLE, TAKE = 0, 1, 3, 4


def setup(event_idx=False, indirect=False, blk=False, qsize=1, async_blk=False):
    return bytes([event_idx | indirect << 1 | blk << 2 | qsize << 3 | async_blk << 5])


def add(k, nout, nin, indirect=False):
    return bytes([ADD_IND if indirect else ADD, k, nout, nin] + [16 + 8 * i for i in range(nout + nin)])


def serve(lifo=False):
    return bytes([DEVICE, SERVE | (0x80 if lifo else 0)])


def used_held(pick, length):
    # device action 1: take, then (odd byte) a held id picked by the next byte, length (even: a byte)
    return bytes([DEVICE, USED, 1, pick, 0, length])


def used_any(id_, length):
    return bytes([DEVICE, USED, 0, 0, id_, 0, length])


def scribble(what, slot, id_, length, flags):
    return bytes([DEVICE, SCRIBBLE, what, slot, id_]) + length.to_bytes(4, 'little') + \
        flags.to_bytes(4, 'little')


def laps(n, qsize_code, event_idx, indirect, lifo):
    s = setup(event_idx, indirect, qsize=qsize_code)
    for i in range(n):
        s += add(i % 64, 2, 1, indirect and i % 2) + add((i + 1) % 64, 1, 1)
        s += bytes([KICK]) + serve(lifo) + serve(lifo)
        s += bytes([ENABLE, GET, GET, DISABLE])
    return s


def lies():
    out = {}
    base = setup(True, True, qsize=1) + add(0, 2, 1) + add(1, 1, 1) + bytes([KICK])
    out['id-range'] = base + used_any(200, 1) + bytes([GET])
    out['len-big'] = base + used_held(0, 200) + bytes([GET])
    out['twice'] = base + used_held(0, 1) + bytes([GET]) + used_any(0, 1) + bytes([GET])
    out['not-kicked'] = setup(qsize=1) + add(0, 2, 1) + bytes([KICK]) + add(1, 1, 1) + \
        used_any(1, 1) + bytes([GET])
    out['nothing-offered'] = setup(qsize=1) + scribble(0, 0, 0, 1, 0x8082) + bytes([ENABLE, GET])
    out['wrong-wrap'] = base + scribble(3, 0, 0, 1, 0x8000) + bytes([GET])
    out['device-area'] = setup(True, qsize=0) + scribble(6, 0, 0, 0, 0) + \
        (0x0002_8003).to_bytes(4, 'little') + add(0, 1, 1) + bytes([KICK])
    return out


def blk(async_blk, qsize_code, seed):
    rnd = random.Random(seed)
    s = setup(True, bool(seed & 1), blk=True, qsize=qsize_code, async_blk=async_blk)
    # mostly honest service on each tick (device byte 0), some reads and writes
    for _ in range(300):
        s += bytes([rnd.choice([0, 0, 0, 0, 6, 7, 1, 2, 3, 4]) if rnd.random() < 0.3 else
                    rnd.randrange(256)])
    return s


def main(out):
    os.makedirs(out, exist_ok=True)
    seeds = {
        'laps-4': laps(40, 0, False, False, False),
        'laps-8-event-idx': laps(40, 1, True, False, True),
        'laps-16-indirect': laps(40, 2, True, True, False),
        'laps-128-lifo': laps(100, 3, False, True, True),
    }
    seeds.update(lies())
    for q in range(4):
        seeds[f'blk-sync-{q}'] = blk(False, q, q)
        seeds[f'blk-async-{q}'] = blk(True, q, q + 10)
    for name, data in seeds.items():
        with open(os.path.join(out, f'virtq-packed-{name}.bin'), 'wb') as f:
            f.write(data)
    print(f'{len(seeds)} seeds in {out}')


if __name__ == '__main__':
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1])
