/** A problem whose message is safe and useful to show the user as it is (bad input, nothing to share, ...). */
export class UserError extends Error {
  override name = "UserError";
}
