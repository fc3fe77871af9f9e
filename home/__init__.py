"""The home page: upcoming clinics, the skills taxonomy and suggested people, read from several apps."""
