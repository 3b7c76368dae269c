import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toProps } from "../../components/core/plan/props.js";

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
        const before = JSON.stringify(value);
        expect(toProps(value)).toStrictEqual(JSON.parse(before));
        expect(JSON.stringify(value)).toBe(before);
      }),
      { numRuns: 500 },
    );
  });

  it("keep the parts that are already plain JSON instead of copying them", () => {
    const labels = { app: "checkout" };
    const ports = [{ port: 8080 }];
    const value = { metadata: { labels, note: undefined }, spec: { ports }, status: { at: new Date(0) } };
    const props = toProps(value) as { metadata: { labels: object }; spec: object; status: object };
    expect(props.metadata.labels).toBe(labels);
    expect(props.spec).toBe(value.spec);
    expect(props).not.toBe(value);
    expect(props.metadata).not.toHaveProperty("note");
    expect(props.status).toStrictEqual({ at: "1970-01-01T00:00:00.000Z" });
  });

  it.each([
    // eslint-disable-next-line no-sparse-arrays -- a hole is the case under test
    ["turns a hole in a list into null", { a: [1, , 3] }, { a: [1, null, 3] }],
    ["turns -0 into 0", { a: -0 }, { a: 0 }],
    ["drops undefined fields", { a: 1, b: undefined }, { a: 1 }],
    ["turns undefined in a list into null", { a: [1, undefined] }, { a: [1, null] }],
    ["turns NaN into null", { a: Number.NaN }, { a: null }],
  ])("%s", (_name, value, expected) => {
    expect(toProps(value)).toStrictEqual(expected);
  });
});
