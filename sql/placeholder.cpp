// placeholder until the SQL session lands
