/* SPDX-License-Identifier: MIT */
/*
 * The x86 firmware's tables of interrupt controllers, for a kernel without
 * a device tree: ACPI's RSDP (where the loader said, else the BIOS area
 * scan of ACPI 6.5, 5.2.5.1), the RSDT/XSDT, and the MADT's local APIC
 * address, I/O APICs and interrupt source overrides (5.2.12); without ACPI
 * (QEMU's microvm with acpi=off, the only way it puts its virtio-mmio
 * devices on the command line), the Intel MultiProcessor Specification
 * 1.4 table (4.1-4.3) that qboot and SeaBIOS also write.  Every table is
 * checksummed and bounded by its own length before a field is read;
 * tables the CPU cannot reach without paging (above 4 GiB) are skipped.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "arch.h"
#include "boot.h"
#include "console.h"

#define RSDP_SIG "RSD PTR "
#define RSDP_V1_LEN 20u
#define RSDP_REVISION 15u
#define RSDP_RSDT 16u
#define RSDP_LENGTH 20u
#define RSDP_XSDT 24u
#define SDT_HEADER_LEN 36u
#define SDT_LENGTH 4u
#define SDT_MAX_LEN 0x10000u /* more than any table this kernel reads can need */
#define MADT_LAPIC_ADDR 36u
#define MADT_ENTRIES 44u
#define MADT_IOAPIC 1u
#define MADT_ISO 2u
#define MADT_LAPIC_OVERRIDE 5u
#define BIOS_AREA_START 0xe0000u
#define BIOS_AREA_END 0x100000u
#define SDT_MAX_ENTRIES 64u

static bool reachable_(uint64_t addr, uint64_t len)
{
	return addr && len <= UINT32_MAX && addr + len <= ((uint64_t)1 << 32) && addr + len > addr;
}

static bool checksum_ok_(uint64_t addr, uint32_t len)
{
	uint8_t sum = 0;
	for (uint32_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + arch_read8(addr + i));
	return sum == 0;
}

static bool sig_is_(uint64_t addr, const char *sig, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (arch_read8(addr + i) != (uint8_t)sig[i])
			return false;
	return true;
}

/* A system description table at @addr: its length when the header and checksum hold, else 0. */
static uint32_t sdt_len_(uint64_t addr)
{
	if (!reachable_(addr, SDT_HEADER_LEN))
		return 0;
	uint32_t len = arch_read32(addr + SDT_LENGTH);
	if (len < SDT_HEADER_LEN || len > SDT_MAX_LEN || !reachable_(addr, len) ||
	    !checksum_ok_(addr, len))
		return 0;
	return len;
}

static bool rsdp_ok_(uint64_t addr)
{
	if (!reachable_(addr, RSDP_V1_LEN) || !sig_is_(addr, RSDP_SIG, 8) ||
	    !checksum_ok_(addr, RSDP_V1_LEN))
		return false;
	if (arch_read8(addr + RSDP_REVISION) < 2)
		return true;
	uint32_t len = arch_read32(addr + RSDP_LENGTH);
	return len >= RSDP_XSDT + 8 && len <= 64 && reachable_(addr, len) &&
	       checksum_ok_(addr, len);
}

static uint64_t find_rsdp_(uint64_t hint)
{
	if (hint)
		return rsdp_ok_(hint) ? hint : 0;
	for (uint64_t a = BIOS_AREA_START; a < BIOS_AREA_END; a += 16)
		if (rsdp_ok_(a))
			return a;
	return 0;
}

/* The MADT through the XSDT (revision 2+) or the RSDT; 0: none. */
static uint64_t find_madt_(uint64_t rsdp)
{
	bool x = arch_read8(rsdp + RSDP_REVISION) >= 2 && arch_read64(rsdp + RSDP_XSDT);
	uint64_t sdt = x ? arch_read64(rsdp + RSDP_XSDT) : arch_read32(rsdp + RSDP_RSDT);
	uint32_t len = sdt_len_(sdt), esize = x ? 8 : 4;

	if (!len)
		return 0;
	for (uint32_t i = 0; i < (len - SDT_HEADER_LEN) / esize && i < SDT_MAX_ENTRIES; i++) {
		uint64_t at = sdt + SDT_HEADER_LEN + i * esize;
		uint64_t t = x ? arch_read64(at) : arch_read32(at);
		if (sdt_len_(t) && sig_is_(t, "APIC", 4))
			return t;
	}
	return 0;
}

static void madt_entry_(uint64_t e, uint8_t type, uint8_t len, struct boot_acpi *out)
{
	if (type == MADT_IOAPIC && len >= 12 && out->nioapic < BOOT_ACPI_MAX_IOAPICS) {
		out->ioapic[out->nioapic].id = arch_read8(e + 2);
		out->ioapic[out->nioapic].base = arch_read32(e + 4);
		out->ioapic[out->nioapic].gsi_base = arch_read32(e + 8);
		out->nioapic++;
	} else if (type == MADT_ISO && len >= 10 && arch_read8(e + 2) == 0 &&
		   out->noverrides < BOOT_ACPI_MAX_OVERRIDES) {
		out->override[out->noverrides].isa_irq = arch_read8(e + 3);
		out->override[out->noverrides].gsi = arch_read32(e + 4);
		out->override[out->noverrides].flags = arch_read16(e + 8);
		out->noverrides++;
	} else if (type == MADT_LAPIC_OVERRIDE && len >= 12) {
		out->lapic_base = arch_read64(e + 4);
	}
}

static void parse_madt_(uint64_t madt, struct boot_acpi *out)
{
	uint32_t len = sdt_len_(madt);
	uint64_t e = madt + MADT_ENTRIES, end = madt + len;

	out->lapic_base = arch_read32(madt + MADT_LAPIC_ADDR);
	/* Each entry's length moves the walk on; one under 2 bytes would loop: stop there. */
	while (e + 2 <= end) {
		uint8_t type = arch_read8(e), elen = arch_read8(e + 1);
		if (elen < 2 || e + elen > end)
			break;
		madt_entry_(e, type, elen, out);
		e += elen;
	}
}

/* ---- the MP table ---- */

#define MPF_SIG "_MP_"
#define MPF_LEN 16u
#define MPF_CONFIG 4u
#define MPC_SIG "PCMP"
#define MPC_LENGTH 4u
#define MPC_LAPIC 36u
#define MPC_ENTRIES 44u
#define MPC_PROCESSOR 0u
#define MPC_PROCESSOR_LEN 20u
#define MPC_IOAPIC 2u
#define MPC_ENTRY_LEN 8u
#define MPC_IOAPIC_ENABLED 1u
#define MPC_MAX_ENTRIES 256u
#define BDA_EBDA_SEGMENT 0x40eu
#define BASE_MEMORY_TOP 0xa0000u
/* The I/O APIC's indirect registers: select, window; register 1 holds the last pin's index. */
#define IOAPIC_IOREGSEL 0x00u
#define IOAPIC_IOWIN 0x10u
#define IOAPIC_REG_VER 0x01u

static uint64_t scan_mpf_(uint64_t from, uint64_t to)
{
	for (uint64_t a = from; a + MPF_LEN <= to; a += 16)
		if (sig_is_(a, MPF_SIG, 4) && arch_read8(a + 8) == 1 && checksum_ok_(a, MPF_LEN))
			return a;
	return 0;
}

/* Where MP 1.4 (4.1) says to look: the EBDA's first KiB, the last KiB of base memory, the BIOS ROM.
 */
static uint64_t find_mpf_(void)
{
	uint64_t ebda = (uint64_t)arch_read16(BDA_EBDA_SEGMENT) << 4, a = 0;

	if (ebda >= 0x80000 && ebda < BASE_MEMORY_TOP)
		a = scan_mpf_(ebda, ebda + 1024);
	if (!a)
		a = scan_mpf_(BASE_MEMORY_TOP - 1024, BASE_MEMORY_TOP);
	if (!a)
		a = scan_mpf_(BIOS_AREA_START + 0x10000, BIOS_AREA_END);
	return a;
}

/* How many pins an I/O APIC has: its version register's maximum redirection entry, plus one. */
static uint32_t ioapic_pins_(uint64_t base)
{
	arch_write32(base + IOAPIC_IOREGSEL, IOAPIC_REG_VER);
	return ((arch_read32(base + IOAPIC_IOWIN) >> 16) & 0xffu) + 1;
}

static void mp_ioapic_(uint64_t e, struct boot_acpi *out)
{
	uint32_t gsi = 0;

	if (!(arch_read8(e + 3) & MPC_IOAPIC_ENABLED) || out->nioapic == BOOT_ACPI_MAX_IOAPICS)
		return;
	/* The MP table has no GSI numbers: the pins are numbered on in table order. */
	for (unsigned i = 0; i < out->nioapic; i++)
		gsi += ioapic_pins_(out->ioapic[i].base);
	out->ioapic[out->nioapic].id = arch_read8(e + 1);
	out->ioapic[out->nioapic].base = arch_read32(e + 4);
	out->ioapic[out->nioapic].gsi_base = gsi;
	out->nioapic++;
}

static int parse_mp_(struct boot_acpi *out)
{
	uint64_t mpf = find_mpf_(), mpc, e, end;

	if (!mpf || !(mpc = arch_read32(mpf + MPF_CONFIG)) || !reachable_(mpc, MPC_ENTRIES) ||
	    !sig_is_(mpc, MPC_SIG, 4))
		return -VDISC_ENOTFOUND;
	uint16_t len = arch_read16(mpc + MPC_LENGTH);
	if (len < MPC_ENTRIES || !reachable_(mpc, len) || !checksum_ok_(mpc, len))
		return -VDISC_ENOTFOUND;
	out->mp = mpc;
	out->lapic_base = arch_read32(mpc + MPC_LAPIC);
	e = mpc + MPC_ENTRIES;
	end = mpc + len;
	/* By the table's length, as Linux walks it: qboot leaves the entry count 0. */
	for (unsigned i = 0; i < MPC_MAX_ENTRIES && e < end; i++) {
		uint8_t type = arch_read8(e);
		uint32_t elen = type == MPC_PROCESSOR ? MPC_PROCESSOR_LEN : MPC_ENTRY_LEN;
		if (e + elen > end)
			break;
		if (type == MPC_IOAPIC)
			mp_ioapic_(e, out);
		e += elen;
	}
	return 0;
}

int boot_acpi_scan(uint64_t rsdp_hint, struct boot_acpi *out)
{
	uint64_t madt = 0;

	memset(out, 0, sizeof(*out));
	out->rsdp = find_rsdp_(rsdp_hint);
	if (out->rsdp)
		madt = find_madt_(out->rsdp);
	if (madt) {
		parse_madt_(madt, out);
		return 0;
	}
	return parse_mp_(out);
}

uint32_t boot_acpi_isa_gsi(const struct boot_acpi *acpi, uint32_t irq, uint16_t *flags)
{
	*flags = 0;
	for (unsigned i = 0; i < acpi->noverrides; i++)
		if (acpi->override[i].isa_irq == irq) {
			*flags = acpi->override[i].flags;
			return acpi->override[i].gsi;
		}
	return irq;
}

void boot_acpi_print(const struct boot_acpi *acpi)
{
	if (acpi->rsdp) {
		con_puts("vdisc: log acpi rsdp=");
		con_putx(acpi->rsdp);
	} else {
		con_puts("vdisc: log mptable at=");
		con_putx(acpi->mp);
	}
	con_puts(" lapic=");
	con_putx(acpi->lapic_base);
	for (unsigned i = 0; i < acpi->nioapic; i++) {
		con_puts(" ioapic=");
		con_putx(acpi->ioapic[i].base);
		con_puts(":gsi");
		con_putu(acpi->ioapic[i].gsi_base);
	}
	con_puts(" overrides=");
	con_putu(acpi->noverrides);
	con_putc('\n');
}
