SELECT 'unterminated
FROM "also
-- comment only
/* block