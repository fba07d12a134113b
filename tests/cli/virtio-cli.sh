#!/usr/bin/env bash
# vdisc virtio's decoding commands on fixed inputs: names, unnamed bits, both
# input forms, device configuration gating, and the refusals (exit codes).
set -uo pipefail
vdisc=$1
pass=0 fail=0
expect() { # expect WANT_RC EXPECTED_OUTPUT -- ARGS...
  local want=$1 wanted=$2; shift 3
  local out rc
  out=$("$vdisc" "$@" 2>&1); rc=$?
  if [ "$rc" -eq "$want" ] && [ "$out" = "$wanted" ]; then
    pass=$((pass + 1))
  else
    echo "FAIL: vdisc $* -> exit $rc (want $want)"; diff <(echo "$wanted") <(echo "$out") | head -8
    fail=$((fail + 1))
  fi
}
# 0x130000064: bits 2 5 6 (block SEG_MAX RO BLK_SIZE), 28 29 (INDIRECT_DESC EVENT_IDX), 32 (VERSION_1).
expect 0 'block: SEG_MAX RO BLK_SIZE INDIRECT_DESC EVENT_IDX VERSION_1' -- virtio features --type block 0x130000064
expect 0 'block: SEG_MAX RO BLK_SIZE INDIRECT_DESC EVENT_IDX VERSION_1' -- virtio features --type 2 130000064
expect 0 'block: SEG_MAX RO BLK_SIZE INDIRECT_DESC EVENT_IDX VERSION_1' -- virtio features --type block --bits 0010011000000000000000000000110010000000
# Entropy has no device bits: bit 7 has no name and is shown, not dropped.
expect 0 'entropy: bit7 VERSION_1' -- virtio features --type entropy 0x100000080
# A second word: bits 64-127 (bit 64 is net's RSS_CONTEXT in virtio 1.4; bit 127 has no name).
expect 0 'network: VERSION_1 RSS_CONTEXT bit127' -- virtio features --type network 0x100000000 0x8000000000000001
expect 0 '{
  "mac": "52:54:00:12:34:56"
}' -- virtio config --type network --features 0x20 --json 52 54 00 12 34 56 01 00
expect 0 '	Device configuration:
	  mac                          52:54:00:12:34:56
	  status                       1 (LINK_UP)' -- virtio config --type network --features 0x10020 52:54:00:12:34:56:01:00
expect 0 '{
  "mac": "52:54:00:12:34:56",
  "status": 3,
  "status_names": [
    "LINK_UP",
    "ANNOUNCE"
  ]
}' -- virtio config --type network --features 0x10020 --json 52:54:00:12:34:56:03:00
expect 0 '	Device configuration:
	  capacity                     1048576 sectors (536870912 bytes, 512 MiB)' -- virtio config --type block 00 00 10 00 00 00 00 00
# Units: a capacity that is not a whole MiB, a block size in bytes, writeback by name (BLK_SIZE 6, CONFIG_WCE 11).
expect 0 '	Device configuration:
	  capacity                     3 sectors (1536 bytes, 1.5 KiB)
	  blk_size                     4096 bytes
	  writeback                    0 (writethrough)' -- virtio config --type block --features 0x840 03000000 00000000 0000000000000000 00000000 00100000 00000000 00000000 00
# A fraction is cut, not rounded up: 4194303 sectors are just under 2 GiB.
expect 0 '	Device configuration:
	  capacity                     4194303 sectors (2147483136 bytes, 1.9 GiB)' -- virtio config --type block ff ff 3f 00 00 00 00 00
expect 0 '{
  "capacity": 1,
  "capacity_bytes": 512
}' -- virtio config --type block --json 01 00 00 00 00 00 00 00
# Without --type: the device-independent names, and the set bits that need a type to be named.
expect 0 'device-independent: INDIRECT_DESC EVENT_IDX VERSION_1
  device-specific (name them with --type TYPE): bit2 bit5 bit6' -- virtio features 0x130000064
expect 0 'device-independent: VERSION_1
  device-specific (name them with --type TYPE): bit127' -- virtio features 0x100000000 0x8000000000000000
# --json: each bit's number beside its name, the names array as before.
expect 0 '[
  {
    "device_type": 2,
    "device_type_name": "block",
    "raw": "0x0000000100000004",
    "features": [
      "SEG_MAX",
      "VERSION_1"
    ],
    "bits": [
      {
        "bit": 2,
        "name": "SEG_MAX"
      },
      {
        "bit": 32,
        "name": "VERSION_1"
      }
    ]
  }
]' -- virtio features --type block --json 0x100000004
# types: the transitional id of the seven types that have one, none for the others.
types=$("$vdisc" virtio types)
for want in '  2  block                    pci 1af4:1042, transitional 1af4:1001  alias blk' \
            '  9  9p                       pci 1af4:1049, transitional 1af4:1009' \
            ' 16  gpu                      pci 1af4:1050'; do
  if grep -qxF -- "$want" <<<"$types"; then pass=$((pass + 1)); else echo "FAIL: types lacks: $want"; fail=$((fail + 1)); fi
done
expect 2 'vdisc: --type frobnicator: not a number or a type name (see '"'"'vdisc virtio types'"'"')' -- virtio features --type frobnicator 0x1
expect 2 'vdisc: 0xzz: not a 64-bit hexadecimal feature word (at most 2 words)' -- virtio features --type block 0xzz
expect 2 'vdisc: --bits 0102: not a string of 0 and 1 of at most 128 bits' -- virtio features --type block --bits 0102
expect 2 'vdisc: config: give the configuration as hex bytes (at most 4096)' -- virtio config --type block 0g
expect 2 'vdisc: virtio frob: unknown subcommand (types, features, config or mmio)' -- virtio frob
expect 2 'vdisc: --scan 0x2000-0x1000: not START-END[/STEP] with START < END and at most 65536 steps' -- virtio mmio --scan 0x2000-0x1000
expect 5 'vdisc: --cmdline: malformed virtio_mmio.device= at offset 0: virtio_mmio.device=@0x1000:1' -- virtio mmio --cmdline=virtio_mmio.device=@0x1000:1
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
