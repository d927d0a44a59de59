-- "Cà" is not Italian spelling: the Venetian "ca'" (casa) takes an apostrophe.
UPDATE offices SET address = 'Via Ca'' Venier, 8 – 30172 Venezia Mestre'
    WHERE province = 'VE' AND address = 'Via Cà Venier, 8 – 30172 Venezia Mestre';
