-- The language a person chose for the service (pages, the API's messages, e-mails): none until
-- they choose, and then the service follows the browser's Accept-Language.
ALTER TABLE users ADD COLUMN language TEXT CHECK (language IS NULL OR language IN ('it', 'en'));
