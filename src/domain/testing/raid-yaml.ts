/** Small v1 RAID files for the YAML tests, and parsing them expecting success or errors. */
import { riskDataOf } from "../types";
import { parseRaidYaml, type ImportIssue } from "../yaml-v1";

/** A small v1 file around the given item YAML. */
export function raid(
  itemsYaml: string,
  meta = "project_name: Test\n  next_item_num: 1\n  workstreams: [Build]",
): string {
  return `metadata:\n  ${meta}\nitems:\n${itemsYaml}`;
}

/** Every risk field of an item, empty. */
export const NO_RISK = riskDataOf({});

export function parseOk(text: string) {
  const result = parseRaidYaml(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

export function parseErrors(text: string): ImportIssue[] {
  const result = parseRaidYaml(text);
  if (result.ok) throw new Error("expected errors");
  return result.errors;
}
