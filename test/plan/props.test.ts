import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toProps } from "../../components/plan/props.js";

const withHoles = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.date({ noInvalidDate: true }),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie("value"), { maxKeys: 4 }),
  ),
})).value;

describe("plan props", () => {
  it("are exactly what a JSON round trip gives, for any object with undefined fields, dates and non-finite numbers", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 6 }), withHoles, { maxKeys: 5 }), (value) => {
        expect(toProps(value)).toStrictEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ["drops undefined fields", { a: 1, b: undefined }, { a: 1 }],
    ["turns undefined in a list into null", { a: [1, undefined] }, { a: [1, null] }],
    ["turns NaN into null", { a: Number.NaN }, { a: null }],
  ])("%s", (_name, value, expected) => {
    expect(toProps(value)).toStrictEqual(expected);
  });
});
