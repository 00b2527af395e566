-- search_text now holds whole every field whose substring filters count through it (email,
-- first, last and full name, company domain: src/domains/leads/search-text-prefilter.ts). It
-- used to be cut at 2,000 characters, and to lack a first or last name given apart from a full
-- name that differs ("Bob Smith", first name "Robert"). Those rows get the fields appended
-- lower-cased, which holds every term the prefilter is used for (printable ASCII that folding
-- leaves as its lower case); the next write of the lead rebuilds search_text as the code does.
UPDATE "leads"
SET "search_text" = "search_text" || ' ' || concat_ws(' ', lower("first_name"), lower("last_name"), lower("full_name"), lower("email"), lower("company_domain"))
WHERE length("search_text") >= 2000
   OR strpos("search_text", lower("first_name")) = 0
   OR strpos("search_text", lower("last_name")) = 0;
