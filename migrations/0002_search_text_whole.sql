-- search_text used to be cut at 2,000 characters; it is now written whole, because substring
-- filters on email, full name and company domain count through it
-- (src/domains/leads/search-text-prefilter.ts). A row cut before holds exactly 2,000: its
-- fields are appended lower-cased, which holds every term that prefilter is used for (printable
-- ASCII that folding leaves as its lower case). The next write of the lead rebuilds it.
UPDATE "leads"
SET "search_text" = "search_text" || ' ' || concat_ws(' ', lower("full_name"), lower("email"), lower("company_domain"))
WHERE length("search_text") >= 2000;
