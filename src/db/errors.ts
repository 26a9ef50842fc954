/** A database problem whose message is safe to print (it never holds the password). */
export class DatabaseError extends Error {
  override name = "DatabaseError";
}
