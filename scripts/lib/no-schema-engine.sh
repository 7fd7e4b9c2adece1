#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded on our
# build machines. `prisma generate` only needs the path to exist; every command
# that really needs the engine fails loudly instead of pretending to succeed.
echo "the schema engine is not available here; use npm run db:migrate / npm run db:migration" >&2
exit 1
