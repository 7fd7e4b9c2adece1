import { describe, expect, it } from "vitest";
import { mentionedMembers } from "./mentions";

const members = [
  { userId: "ann", name: "Ann" },
  { userId: "anna", name: "Anna" },
  { userId: "bo", name: "Bo" },
  { userId: "bochen", name: "Bo Chen" },
  { userId: "zoe", name: "Zoë Ö" },
];

describe("mentionedMembers", () => {
  it.each([
    ["no at sign", "Ann and Anna", []],
    ["a name", "ping @Ann please", ["ann"]],
    ["case does not matter", "@anna, look", ["anna"]],
    ["not the start of a longer word", "@Annabel is new", []],
    ["a longer name is not also its prefix", "@Bo Chen can you check", ["bochen"]],
    ["both when both appear", "@Bo and @Bo Chen", ["bo", "bochen"]],
    ["not inside an e-mail address", "write to x@Ann.test", []],
    ["at the end, after punctuation", "(cc @Zoë Ö)", ["zoe"]],
    ["each once", "@Ann @ann @ANN", ["ann"]],
  ])("%s", (_label, text, expected) => {
    expect(mentionedMembers(text, members)).toEqual(expected);
  });
});
