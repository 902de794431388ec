CREATE TABLE pets (
  id INT PRIMARY KEY,
  name VARCHAR(20) NOT NULL,
  species VARCHAR(20),
  weight DECIMAL(6,2)
)