"""The library app: a folder of postmortems, their patterns and follow-up."""
