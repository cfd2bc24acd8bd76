"""What the navigation adds to the queries of every page that draws it, for staff and delegates (donor viewers have
no "My work"): its "My work" count (`acip.dashboards.mywork.attention_count`), which the shared cache keeps until
what it reads changes. The pinned counts of the pages include it as NAV."""

#: A page drawn first after a change of what the count reads, as each test's first request is: the data version and
#: the cache entry, the count itself, then the cache's write of it (the database cache counts its rows, then reads
#: and writes the entry's row inside a savepoint).
NAV = 8
#: The same page drawn again with nothing changed: the data version and the cache entry only.
NAV_AGAIN = 2
