/* SPDX-License-Identifier: MIT */
#include <json-c/json.h>

#include "cli.h"

void cli_json_print(FILE *out, struct json_object *root)
{
	fputs(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
							   JSON_C_TO_STRING_SPACED |
							   JSON_C_TO_STRING_NOSLASHESCAPE),
	      out);
	fputc('\n', out);
	json_object_put(root);
}
