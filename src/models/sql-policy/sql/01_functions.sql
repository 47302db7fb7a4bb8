-- Helper functions: an error raiser usable inside expressions, the standard normal distribution
-- (the same algorithms as invlab's src/core/normal.ts, so both engines agree to rounding), the
-- paper's Step 6 closed forms, and the Step 5 lot rounding. Every constant is float8: a bare
-- decimal literal is numeric in PostgreSQL.

-- Raise an error from inside an expression (the whole query fails, nothing is written).
create or replace function invlab_fail(msg text) returns float8 language plpgsql as $$
begin
  raise exception '%', msg using errcode = '22023';
end $$;

-- phi(x) = exp(-x^2/2)/sqrt(2 pi); 0 where exp would underflow (PostgreSQL raises on underflow).
-- One SQL expression (not strict, not PL/pgSQL), so the planner inlines it into the caller.
create or replace function invlab_normal_pdf(x float8) returns float8 language sql immutable as $$
  select case when 0.5::float8 * x * x > 745 then 0::float8 else exp(-0.5::float8 * x * x) / sqrt(2 * pi()) end
$$;

-- Q(x) = 1 - Phi(x) for x >= 3: Laplace's continued fraction, modified Lentz.
create or replace function invlab_normal_upper_cf(x float8) returns float8 language plpgsql immutable strict as $$
declare
  tiny constant float8 := 1e-300;
  f float8 := x; c float8 := x; d float8 := 0; delta float8;
begin
  for n in 1..499 loop
    d := x + n * d;
    if abs(d) < tiny then d := tiny; end if;
    c := x + n / c;
    if abs(c) < tiny then c := tiny; end if;
    d := 1 / d;
    delta := c * d;
    f := f * delta;
    exit when abs(delta - 1) < 1e-16::float8;
  end loop;
  return invlab_normal_pdf(x) / f;
end $$;

-- Phi(x): series Phi(x) - 1/2 = phi(x)(x + x^3/3 + x^5/(3.5) + ...) for |x| < 3 (Marsaglia 2004),
-- continued fraction in the tails.
create or replace function invlab_normal_cdf(x float8) returns float8 language plpgsql immutable strict as $$
declare
  term float8 := x; s float8 := x; x2 float8 := x * x; nxt float8; i int := 3;
begin
  if x <= -3 then return case when x < -40 then 0 else invlab_normal_upper_cf(-x) end; end if;
  if x >= 3 then return case when x > 40 then 1 else 1 - invlab_normal_upper_cf(x) end; end if;
  if x = 0 then return 0.5; end if;
  while i < 400 loop
    term := term * (x2 / i);
    nxt := s + term;
    exit when nxt = s;
    s := nxt;
    i := i + 2;
  end loop;
  return 0.5 + invlab_normal_pdf(x) * s;
end $$;

-- Phi^-1(p), p in (0, 1): Acklam's rational start, then Halley steps on the accurate Phi
-- (relative error <= 1e-12): the exact k of Step 6, cases 1-5.
create or replace function invlab_normal_quantile(p float8) returns float8 language plpgsql immutable strict as $$
declare
  lo float8; q float8; r float8; x float8; e float8; u float8; step float8;
begin
  if not (p > 0 and p < 1) then return invlab_fail(format('PVALUE must be in (0, 1), got %s', p)); end if;
  lo := case when p <= 0.5 then p else 1 - p end;
  if lo < 0.02425::float8 then
    q := sqrt(-2 * ln(lo));
    x := (((((-7.784894002430293e-3::float8 * q + -3.223964580411365e-1::float8) * q + -2.400758277161838::float8) * q + -2.549732539343734::float8) * q + 4.374664141464968::float8) * q + 2.938163982698783::float8)
       / ((((7.784695709041462e-3::float8 * q + 3.224671290700398e-1::float8) * q + 2.445134137142996::float8) * q + 3.754408661907416::float8) * q + 1);
  else
    q := lo - 0.5::float8;
    r := q * q;
    x := ((((((-3.969683028665376e1::float8 * r + 2.209460984245205e2::float8) * r + -2.759285104469687e2::float8) * r + 1.38357751867269e2::float8) * r + -3.066479806614716e1::float8) * r + 2.506628277459239::float8) * q)
       / (((((-5.447609879822406e1::float8 * r + 1.615858368580409e2::float8) * r + -1.556989798598866e2::float8) * r + 6.680131188771972e1::float8) * r + -1.328068155288572e1::float8) * r + 1);
  end if;
  for i in 1..3 loop
    e := invlab_normal_cdf(x) - lo;
    u := e / invlab_normal_pdf(x);
    step := u / (1 + (x * u) / 2);
    x := x - step;
    exit when abs(step) <= 1e-16::float8 * greatest(1, abs(x));
  end loop;
  return case when p <= 0.5 then x else -x end;
end $$;

-- Standard normal loss G(k) = phi(k) - k (1 - Phi(k)).
create or replace function invlab_normal_loss(k float8) returns float8 language sql immutable as $$
  select invlab_normal_pdf(k) - k * invlab_normal_cdf(-k)
$$;

-- Exact case 6 k: the root of G(k) = g (safeguarded Newton, |error| <= 1e-10). G is convex and
-- decreasing, so Newton from the left of the root converges monotonically, and one step from the
-- right lands on its left. Start: for 1e-6 < g < 4 (k in about (-3.9, 4.4)) the paper's closed
-- form (invlab_k_loss_approx, |error| <= 0.0003 on [-3, 3]): 3 steps instead of 3-7; elsewhere
-- k = -g (G(k) >= -k, so it is left of the root) or, for small g, the asymptotic
-- G(k) ~ phi(k)/k^2 start kept if it is left of the root. The stopping rule is the TypeScript
-- engine's (src/core/normal.ts), so both stop within 1e-13 of the same root.
create or replace function invlab_normal_loss_inverse(g float8) returns float8 language plpgsql immutable strict as $$
declare
  k float8 := -g; guess float8; f float8; slope float8; step float8;
begin
  if not (g > 0) or g = 'Infinity'::float8 then return invlab_fail(format('GVALUE must be a positive finite number, got %s', g)); end if;
  if g > 1e-6::float8 and g < 4 then
    k := invlab_k_loss_approx(g);
  elsif g < 0.1::float8 then
    guess := sqrt(greatest(0, -2 * ln(g * sqrt(2 * pi())))) - 1;
    if invlab_normal_loss(guess) >= g then k := guess; end if;
  end if;
  for i in 1..200 loop
    f := invlab_normal_loss(k) - g;
    slope := -invlab_normal_cdf(-k);
    exit when slope = 0;
    step := f / slope;
    k := k - step;
    exit when abs(step) < 1e-13::float8 * greatest(1, abs(k));
  end loop;
  return k;
end $$;

-- Step 6, cases 1-5, the paper's closed form (the reading of the garbled print, README "Step 6"):
-- k = sign (sqrt(A1^2 + 4 A2 ln(p/(1-p))) - A1)/(2 A2), p = max(PVALUE, 1 - PVALUE),
-- A1 = 1.363471, A2 = 0.266705. ln(p/(1-p)) = ln p - ln(1 - p) keeps precision near 0 and 1.
create or replace function invlab_k_normal_approx(pv float8) returns float8 language plpgsql immutable strict as $$
declare
  a1 constant float8 := 1.363471; a2 constant float8 := 0.266705;
  p float8; sgn float8; logit float8;
begin
  if not (pv > 0 and pv < 1) then return invlab_fail(format('PVALUE must be in (0, 1), got %s', pv)); end if;
  p := greatest(pv, 1 - pv);
  sgn := case when pv >= 0.5 then 1 else -1 end;
  logit := ln(p) - ln(least(pv, 1 - pv));
  return (sgn * (sqrt(a1 * a1 + 4 * a2 * logit) - a1)) / (2 * a2);
end $$;

-- Step 6, case 6, the paper's closed form (Silver, Pyke & Peterson 1998): Z = sqrt(2 ln(max(1, 5/GVALUE))),
-- k = (A0 + A1 Z + A2 Z^2 + A3 Z^3)/(B0 + B1 Z + B2 Z^2 + B3 Z^3 + B4 Z^4), printed coefficients.
create or replace function invlab_k_loss_approx(g float8) returns float8 language plpgsql immutable strict as $$
declare
  z float8;
begin
  if not (g > 0) or g = 'Infinity'::float8 then return invlab_fail(format('GVALUE must be a positive finite number, got %s', g)); end if;
  z := sqrt(2 * ln(greatest(1, 5 / g)));
  return (-5.3925569::float8 + z * (5.6211054::float8 + z * (-3.883683::float8 + z * 1.0897299::float8)))
       / (1.0::float8 + z * (-0.72496485::float8 + z * (0.507326622::float8 + z * (0.066913687::float8 + z * -0.003291291::float8))));
end $$;

-- Step 5, cases 2-4: round up to a multiple of QUNIT (at least one), then clamp to [QMIN, QMAX]
-- (invlab's roundLot, the rounding its simulator applies to every order).
create or replace function invlab_round_lot(q float8, qunit float8, qmin float8, qmax float8) returns float8 language plpgsql immutable as $$
begin
  if qunit is not null and qunit > 0 then q := greatest(1, ceil(q / qunit - 1e-12::float8)) * qunit; end if;
  if qmin is not null and q < qmin then q := qmin; end if;
  if qmax is not null and q > qmax then q := qmax; end if;
  return q;
end $$;

-- Phi(x) on servers that have erfc (PostgreSQL 16 and later, and PGlite): Phi(x) = erfc(-x/sqrt 2)/2,
-- one call of the C library's erfc (relative error near 1e-15 in both tails) instead of the
-- PL/pgSQL series above, and one SQL expression that the planner inlines into G, Phi^-1 and G^-1
-- (the exact k of Step 6 then costs a few microseconds per SKU instead of a PL/pgSQL loop of
-- up to 60 terms per evaluation). PostgreSQL 15 and earlier keep the series / continued fraction.
do $$
begin
  if to_regprocedure('erfc(double precision)') is not null then
    execute $f$create or replace function invlab_normal_cdf(x float8) returns float8 language sql immutable strict as
      'select 0.5::float8 * erfc(-x / sqrt(2::float8))'$f$;
  end if;
end $$;
