import { describe, expect, it } from 'vitest';
import { jsonataReferences, parseReferences, prepareJsonataReferences } from './jsonata-references.js';
import { pathVariable, templateReferences } from './jsonpath-references.js';

/** Names read, each with the text its offsets cover. */
function reads(body: string): string[] {
  return jsonataReferences(body).reads.map((r) => `${r.name}@${body.slice(r.start, r.end)}`);
}

describe('jsonataReferences', () => {
  it('finds variables in paths, arguments, predicates and constructors', () => {
    expect(reads(' $total ')).toEqual(['total@$total']);
    expect(reads('$order.items[0].price')).toEqual(['order@$order']);
    expect(reads('$sum($lines.price) + $tax')).toEqual(['lines@$lines', 'tax@$tax']);
    expect(reads('items[price > $limit]')).toEqual(['limit@$limit']);
    expect(reads('{"id": $id, "list": [$a, $b]}')).toEqual(['id@$id', 'a@$a', 'b@$b']);
    expect(reads('$x ? $y : $z')).toEqual(['x@$x', 'y@$y', 'z@$z']);
    expect(reads('a.$v')).toEqual(['v@$v']);
  });

  it('leaves out $states, $, $$, function names and names the expression binds', () => {
    expect(reads('$states.input.a')).toEqual([]);
    expect(reads('$ . a')).toEqual([]);
    expect(reads('$$.a')).toEqual([]);
    expect(reads('$map($list, $string)')).toEqual(['list@$list']);
    expect(reads('$list ~> $count')).toEqual(['list@$list']);
    expect(reads('($v := 1; $v + $w)')).toEqual(['w@$w']);
    expect(reads('$map($xs, function($x, $i) { $x * $i * $k })')).toEqual(['xs@$xs', 'k@$k']);
    expect(reads('orders@$o.lines#$i.{"o": $o, "i": $i}')).toEqual([]);
    expect(jsonataReferences('($v := 1; $v)').mentions).toEqual(['v']);
    expect(jsonataReferences('$map($a, $string)').mentions).toEqual(expect.arrayContaining(['map', 'string']));
  });

  it('keeps the names of functions Step Functions adds out of the reads', () => {
    expect(reads('$uuid()')).toEqual([]);
    expect(reads('$partition($items, $size)')).toEqual(['items@$items', 'size@$size']);
  });

  it('reads names with odd letters', () => {
    expect(reads('$größe + $_x1 + $日本')).toEqual(['größe@$größe', '_x1@$_x1', '日本@$日本']);
  });

  it('ignores ${…} placeholders and flags them', () => {
    const result = jsonataReferences("$states.input.${Field} & $name & '${Suffix}'");
    expect(result.reads.map((r) => r.name)).toEqual(['name']);
    expect(result.placeholder).toBe(true);
    const adjacent = jsonataReferences('$order${Suffix} + 1');
    expect(adjacent.reads).toEqual([]);
    expect(adjacent.mentions).toEqual(['order']);
  });

  it('scans text that does not parse, without claiming the reads are certain', () => {
    const result = jsonataReferences('$merge([$a, $b');
    expect(result.parsed).toBe(false);
    expect(result.reads.map((r) => r.name)).toEqual(['merge', 'a', 'b']);
  });

  it('gives the same result batched as alone', () => {
    const bodies = ['$a + $b', ' $x.y ', '($c := 1; $c)', 'function($p) { $p }($q)', '$broken(', '"$notAVar"', '/re$/ ~> $match($s)', '$z; 1'];
    prepareJsonataReferences(bodies);
    for (const body of bodies) expect(jsonataReferences(body), body).toEqual(parseReferences(body));
  });

  it('does not take a variable inside a string literal', () => {
    expect(reads('"$price" & $price')).toEqual(['price@$price']);
  });
});

describe('pathVariable', () => {
  it('finds the variable a path starts at', () => {
    expect(pathVariable('$order.id')).toEqual({ name: 'order', start: 0, end: 6 });
    expect(pathVariable('  $x[0]')).toEqual({ name: 'x', start: 2, end: 4 });
    expect(pathVariable('$größe', 10)).toEqual({ name: 'größe', start: 10, end: 16 });
  });

  it('is undefined for input and context paths', () => {
    for (const path of ['$', '$.a', '$[0]', '$$.Execution.Id', '$$', 'a', '', '$.a[?(@.b == $c)]']) expect(pathVariable(path), path).toBeUndefined();
  });
});

describe('templateReferences', () => {
  it('reads a path or every path argument of an intrinsic call', () => {
    expect(templateReferences('$x.y').reads.map((r) => r.name)).toEqual(['x']);
    const text = "States.Format('{} {}', $first, States.ArrayGetItem($list, $$.Map.Item.Index), $.z)";
    const found = templateReferences(text);
    expect(found.parsed).toBe(true);
    expect(found.reads.map((r) => text.slice(r.start, r.end))).toEqual(['$first', '$list']);
    expect(templateReferences("States.Format('$notRead {}', $.a)").reads).toEqual([]);
  });

  it('scans a call that does not parse', () => {
    const found = templateReferences('States.Format($a, ');
    expect(found.parsed).toBe(false);
    expect(found.reads.map((r) => r.name)).toEqual(['a']);
  });
});
