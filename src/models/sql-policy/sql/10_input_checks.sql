-- Input checks for order lines and lead-time records kept in the user's own tables (run by
-- `invlab policy --db`): the same rules as invlab's CSV readers, so bad data in the database
-- gets the same messages as bad data in a file. Each function returns NULL for a value that
-- breaks its rule (the caller names the table, row, column and rule).

-- An ISO date 'YYYY-MM-DD' (optionally followed by a time of day and zone) with a year in
-- 1900-2200 and a day that exists in its month; NULL otherwise.
create or replace function invlab_iso_date(s text) returns date language plpgsql immutable as $$
declare
  y int; m int; d int;
begin
  if s is null or s !~ '^\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:?\d\d)?)?$' then return null; end if;
  y := substr(s, 1, 4)::int; m := substr(s, 6, 2)::int; d := substr(s, 9, 2)::int;
  if y < 1900 or y > 2200 or m < 1 or m > 12 or d < 1 then return null; end if;
  if d > extract(day from (make_date(y, m, 1) + interval '1 month' - interval '1 day')) then return null; end if;
  return make_date(y, m, d);
end $$;

-- A plain decimal number (no hexadecimal, no 'Infinity'/'NaN', no trailing text) that is finite
-- as float8; NULL otherwise.
create or replace function invlab_decimal(s text) returns float8 language plpgsql immutable as $$
begin
  if s is null or s !~ '^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$' then return null; end if;
  return s::float8;
exception when others then
  return null;
end $$;
