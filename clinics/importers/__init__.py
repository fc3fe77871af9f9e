"""CSV imports into clinics: video platforms' attendance reports (`reports`), and the program's history of
clinics and attendance from before the site (`history`). `common` reads files and finds participants."""
