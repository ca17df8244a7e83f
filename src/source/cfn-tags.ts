/**
 * @module source/cfn-tags
 * CloudFormation's YAML short-form intrinsic functions (`!Ref`, `!Sub`, `!GetAtt`, …) loaded as
 * their long JSON form (`{"Ref": …}`, `{"Fn::Sub": …}`), so later stages see one shape.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
import { Pair, Scalar, YAMLMap } from 'yaml';
import type { CollectionTag, ScalarTag, YAMLSeq } from 'yaml';

/** Short tag → long key. `Ref` and `Condition` keep their name; the others get `Fn::`. */
const NAMES: readonly (readonly [string, string])[] = [
  ['Ref', 'Ref'],
  ['Condition', 'Condition'],
  ...[
    'Sub', 'GetAtt', 'Join', 'If', 'Select', 'Split', 'FindInMap', 'ImportValue', 'Base64', 'Cidr', 'GetAZs',
    'Equals', 'And', 'Or', 'Not', 'Transform', 'Length', 'ToJsonString',
  ].map((n) => [n, `Fn::${n}`] as const),
];

/** Wraps a parsed collection in a one-key map, keeping the inner nodes (and their positions). */
function wrap(key: string, value: YAMLMap.Parsed | YAMLSeq.Parsed): YAMLMap {
  const m = new YAMLMap();
  m.items.push(new Pair(new Scalar(key), value));
  m.range = value.range;
  return m;
}

/** The custom tags to pass to `yaml`'s parser: three per function (scalar, sequence, mapping). */
export function cfnTags(): (ScalarTag | CollectionTag)[] {
  const tags: (ScalarTag | CollectionTag)[] = [];
  for (const [short, long] of NAMES) {
    const tag = `!${short}`;
    tags.push({
      tag,
      resolve: (str: string): unknown => {
        // `!GetAtt Resource.Attribute` is the one short form whose scalar splits (on the first dot).
        if (short === 'GetAtt') {
          const dot = str.indexOf('.');
          return { [long]: dot < 0 ? [str] : [str.slice(0, dot), str.slice(dot + 1)] };
        }
        return { [long]: str };
      },
    });
    tags.push({ tag, collection: 'seq', resolve: (v) => wrap(long, v) });
    tags.push({ tag, collection: 'map', resolve: (v) => wrap(long, v) });
  }
  return tags;
}
