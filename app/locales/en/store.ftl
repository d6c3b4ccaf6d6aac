# The travel eSIM store: catalogue, plan page, buying, orders, My eSIMs, install guide, and
# the store's server messages.

## The catalogue (/store)
store-title = Travel eSIMs
store-lead = Mobile data for your trip, on local networks in 30+ countries. The countries, the data, the days and the price are shown before you pay; install in a minute with a QR code or one tap on iPhone.
store-popular = Popular plans
store-all-plans = All plans
store-loading-plans = Loading plans…
store-plan-card-view = View plan
store-results-none = No plan matches. Try fewer filters or a nearby destination.
store-results-count = { $count ->
    [one] { $count } plan
   *[other] { $count } plans
}
store-results-pages = Result pages
store-results-previous = ← Previous
store-results-next = Next →

## The filter
store-filter-where = Where are you going?
store-filter-where-placeholder = Country, e.g. Japan or Korea
store-filter-region = Region
store-filter-region-any = Anywhere
store-region-asia = Asia
store-region-europe = Europe
store-region-north-america = North America
store-region-south-america = South America
store-region-oceania = Oceania
store-region-middle-east = Middle East
store-region-africa = Africa
store-filter-days = Trip length
store-filter-any = Any
store-filter-days-min = { $days }+ days
store-filter-data = Data
store-filter-data-min = { $gb } GB+
store-filter-max-price = Max price (¥)
store-filter-sort = Sort
store-sort-price = Cheapest first
store-sort-data = Most data
store-sort-days = Longest
store-filter-submit = Show plans
store-filter-invalid-number = { $field } must be a whole number up to { $max }
store-filter-invalid-country = country must be a two-letter ISO code
store-filter-invalid-q = search at most 60 characters
store-filter-invalid-region = region at most 40 characters
store-filter-invalid-sort = sort by price, data or days

## A plan (/store/plans/…)
store-back-to-plans = ← All travel eSIMs
store-plan-unavailable = This plan is not available.
store-plan-price-note = Price includes tax. One payment, no subscription.
store-plan-data = Data
store-plan-data-unlimited = Unlimited (full speed for the first 1 GB each day, then slower)
store-plan-data-full-speed = { $data } at full speed
store-plan-valid-for = Valid for
store-plan-validity = { $days } from the first time the eSIM connects in a covered country
store-plan-networks = Networks
store-plan-covers = Covers
store-plan-countries = Countries ({ $count })
store-data-unlimited = Unlimited
store-coverage-region = { $region } ({ $count } countries)
store-coverage-countries = { $count } countries

## The store's navigation
store-nav-label = Store
store-nav-plans = Plans
store-nav-esims = My eSIMs
store-nav-orders = My orders

## Buying
store-buy-heading = Buy
store-buy-quantity = Number of eSIMs
store-buy-total = Total{" "}
store-buy-now = Buy now
store-buy-top-up-label = Or add this plan to an eSIM you have
store-buy-top-up-button = Add for { $price }
store-buy-note = Paid by the card on your billing account. If we cannot supply the eSIM, the money goes back to your account automatically.
store-buy-login-before = Please{" "}
store-buy-login-link = log in
store-buy-login-after = {" "}to buy.
store-quantity-invalid = Choose 1 to { $max } eSIMs.

## An order (/store/orders/…)
store-order-title = Your eSIM order
store-order-loading = Loading the order…
store-order-not-found = We could not find that order.
store-order-top-up-title = Top-up for eSIM { $iccid }
store-order-step-payment = Payment
store-order-step-esim = eSIM
store-order-step-ready = Ready
store-order-progress = Progress
store-order-label = Order
store-order-placed = Placed
store-order-plan = Plan
store-order-paid = Paid
store-order-top-up-done = The plan is on your eSIM.{" "}
store-order-see-esims = See your eSIMs
store-stage-paying = Taking payment
store-stage-preparing = Preparing your eSIM
store-stage-ready = Ready
store-stage-payment-failed = Payment failed
store-stage-refunded = Refunded
store-stage-needs-attention = Being checked by our team

## Why an order ended without eSIMs
store-failure-no-pay-method = Add a payment method to your billing account, then buy again. Nothing was charged.
store-failure-billing-down = Billing was not available, so nothing was charged. Please try again in a few minutes.
store-failure-billing-refused = Billing refused the payment, so nothing was charged.
store-failure-declined = Your card was declined, so nothing was charged. Check the card in billing and buy again.
store-failure-not-through = The payment did not go through, so nothing was charged.
store-failure-not-confirmed = The payment was not confirmed, so nothing was charged. Please buy again.
store-failure-refunded-unsupplied = eSIM Go could not supply this plan right now, so we returned { $amount } to your account as credit.
store-failure-refunded-not-taken = eSIM Go did not take the order, so we returned { $amount } to your account as credit.
store-failure-checking = Our team is checking this order and will contact you.

## The install guide
store-install-loading = Loading the install guide…
store-install-heading = Install eSIM{" "}
store-install-iphone-heading = On this iPhone
store-install-iphone-button = Install the eSIM
store-install-iphone-note = Opens Settings to add the eSIM (iOS 17.4 or later). Older iOS: scan the QR code from another screen.
store-install-android-heading = On this Android phone
store-install-android-step1 = Settings → Network & internet → SIMs → Add eSIM (or Download a SIM).
store-install-android-step2 = Choose “Use a code instead” and paste the activation code.
store-install-activation-code = Activation code
store-install-qr-heading = Scan with the phone that will use it
store-install-qr-label = QR code of the eSIM's activation code
store-install-qr-note = iPhone: Settings → Mobile Service → Add eSIM → Use QR Code. Android: Settings → SIMs → Add eSIM. The code works once.
store-install-other-ways = Other ways to install
store-install-by-hand = Enter it by hand
store-install-smdp = SM-DP+ address
store-install-matching-id = Activation code (matching ID)
store-install-wifi-note = Install while connected to Wi-Fi. Your plan starts when the eSIM first connects in a covered country.
store-copy = Copy
store-copied = Copied
store-profile-not-installed = Not installed yet
store-profile-downloaded = Downloaded to a phone
store-profile-installed = Installed
store-profile-unavailable = Can no longer be installed
store-profile-deactivated = Deactivated

## My orders (/store/orders)
store-orders-title = My eSIM orders
store-orders-status = Status
store-orders-from = From
store-orders-to = To
store-orders-show = Show
store-orders-loading = Loading your orders…
store-orders-none = No orders match.{" "}
store-find-plan = Find a plan
store-orders-esims = eSIMs
store-filter-invalid-status = Choose a status from the list.
store-filter-invalid-date = Enter a date as YYYY-MM-DD.
store-filter-invalid-range = The end date is before the start date.

## My eSIMs (/store/esims)
store-esims-title = My eSIMs
store-esims-loading = Loading your eSIMs…
store-esims-none = You have no travel eSIM yet.{" "}
store-esim-suspended = Suspended
store-esim-active = Active
store-esim-installed = Installed
store-esim-data-used = Data used
store-esim-not-live = Usage as last reported; the supplier did not answer just now.
store-esim-state = State
store-esim-usage = Usage
store-esim-starts = Starts
store-esim-ends = Ends
store-esim-meter-label = Share of data used
store-esim-add-data = Add data (choose a plan)
store-esim-suspend = Suspend
store-esim-restore = Restore
store-esim-no-suspend = Suspend and restore are not available with the supplier's current setup.
store-bundle-processing = Being added
store-bundle-queued = Starts when you use data abroad
store-bundle-active = Active
store-bundle-depleted = Used up
store-bundle-expired = Expired
store-bundle-revoked = Revoked
store-bundle-lapsed = Lapsed (never started)
store-bundle-unknown = Unknown
store-usage-unlimited = { $used } used (unlimited)
store-usage-of = { $used } of { $total } used
store-suspend-invalid = suspend is true or false

## The store's server messages (pages and GraphQL)
store-catalogue-loading = The eSIM catalogue (loading for the first time)
store-no-plan-named = There is no plan named { $name }.
store-supplier = The eSIM supplier
store-esimgo-unknown-esim = eSIM Go does not know this eSIM.
store-esimgo-refused = eSIM Go refused: { $message }
store-esim-not-yours = You have no eSIM with this ICCID.
store-esim-not-yours-id = You have no eSIM with this id.
store-suspend-unsupported = Suspending and restoring an eSIM needs eSIM Go's API v2.5; this portal is set up for an older version.
store-key-reused = This request key was already used for a different purchase. Open the plan again to start a new one.
store-plan-not-sold = This plan is no longer sold.
store-cannot-buy-later = This plan cannot be bought right now. Nothing was charged; please try again later.
store-cannot-buy-another = This plan cannot be bought right now. Nothing was charged; please try another plan or try again later.
store-no-such-order = There is no such order.
store-graphql-auto-activate = eSIM Go plans start on their first connection in a covered country; autoActivate cannot be set.
store-graphql-not-json = The request is not a GraphQL JSON request: { $error }
