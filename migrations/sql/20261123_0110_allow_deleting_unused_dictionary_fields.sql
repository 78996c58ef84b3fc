-- The operator may delete a dictionary field that no form has ever used (a typo caught early).
-- The service refuses fields in use by any unit's draft or published version: those are retired.
-- The existing write policy (platform_admin, system) already covers DELETE; only the grant was missing.
grant delete on dictionary_fields to motcua_ctx;
