# Shared words, the header and the layout.
common-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
common-brand-sub = My Mobile
common-nav-subscriptions = Subscriptions
common-nav-billing = Billing
common-nav-shop = Shop
common-nav-store = Travel eSIMs
common-nav-orders = Orders
common-nav-support = Support
common-nav-account-title = Your account and where you are logged in
common-logout = Log out
common-login = Log in
common-signup = Sign up
common-language = Language
common-loading = Loading…
common-try-again = Try again
common-dismiss = Dismiss
common-site-title = SonixNet Portal
common-site-description = Manage your SonixNet mobile subscriptions and SIMs.
common-modal-close = Close
common-nothing-changed = Your data is safe; nothing was changed.
