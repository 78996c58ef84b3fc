-- The portal's unit page shows each unit's public performance (seed 003: on-time rate and
-- satisfaction are published to citizens). The public context reads the unit's own daily totals
-- (officer = ''), never the per-officer rows, which name staff.
create policy monitoring_days_public_read on monitoring_days for select to motcua_public
  using ((select current_setting('app.platform_role', true)) = 'public' and officer = '');
