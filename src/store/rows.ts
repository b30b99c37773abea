// Row → record mapping for the repositories: SQL's snake_case columns become camelCase fields and
// SQL null becomes "absent" (undefined), the way every record type of the bot spells an optional value.

/** 'work_date' → 'workDate', at the type level. */
type CamelCase<Column extends string> = Column extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : Column;

/** A column that may be null is an optional field: null reads as undefined. */
type Field<Value> = null extends Value ? Exclude<Value, null> | undefined : Value;

/** Per-column converters that replace the default null → undefined (a Date from a text cell, a default list). */
type Converters<Row, Out> = { readonly [Column in keyof Out]: (value: Row[Column & keyof Row]) => Out[Column] };

/** The record a mapper returns: the listed columns in camelCase, each converted or with null as undefined. */
type Mapped<Row, Column extends keyof Row & string, Out> = {
  [Name in Column as CamelCase<Name>]: Name extends keyof Out ? Out[Name] : Field<Row[Name]>;
};

const camelCase = (column: string): string => column.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());

/**
 * A row-to-record mapper over the listed columns, in their order. A column the row type does not have
 * does not compile; annotate the mapper with the record type so a required field no column supplies does not either:
 *
 *   const toRound: (row: RoundRow) => Round = rowMapper<RoundRow>()(['id', 'tenant_id', ...]);
 */
export function rowMapper<Row extends object>() {
  return <const Column extends keyof Row & string, Out extends { readonly [Name in Column]?: unknown } = Record<never, never>>(
    columns: readonly Column[],
    converters?: Converters<Row, Out>,
  ): ((row: Row) => Mapped<Row, Column, Out>) => {
    const table: Partial<Record<string, (value: never) => unknown>> = converters ?? {};
    const plan = columns.map((column) => {
      const convert = table[column] as ((value: unknown) => unknown) | undefined;
      return { column, field: camelCase(column), convert };
    });
    return (row) => {
      const record: Record<string, unknown> = {};
      for (const { column, field, convert } of plan) {
        const value: unknown = row[column];
        record[field] = convert ? convert(value) : (value ?? undefined);
      }
      return record as Mapped<Row, Column, Out>;
    };
  };
}
