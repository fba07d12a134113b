/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

int main(void)
{
	const struct CMUnitTest tests[] = { 0 };

	return cmocka_run_group_tests(tests, NULL, NULL);
}
