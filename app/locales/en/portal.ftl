# The customer portal: login, sign-up, account, billing, support, shop and orders.

## Login
portal-login-title = Log in
portal-login-heading = Log in to manage your SIMs
portal-login-email = Email
portal-login-password = Password
portal-login-submit = Log in
portal-login-submitting = Logging in…
portal-login-demo = Demo accounts (simulated carrier and billing):
portal-login-demo-password = Password:
portal-login-first-time = First time here with an existing billing account?
portal-login-link = Set up your portal login
portal-login-forgot = Forgot your password?
portal-login-new-here = New customer with a customer number?
portal-login-sign-up = Sign up

## Shared by the password fields
portal-password-hint = At least { $min } characters.

## Link an existing billing account
portal-link-title = Set up your portal login
portal-link-lead = Already a customer? Prove it once with the email and password of your billing account, then choose a password for this portal.
portal-link-email = Billing email
portal-link-billing-password = Billing password
portal-link-new-password = New portal password
portal-link-submit = Link and log in
portal-link-submitting = Checking…
portal-link-have-login = Already set up?
portal-link-log-in = Log in
portal-link-privacy = Your billing password is only checked, never stored.

## Sign-up
portal-signup-title = Sign up
portal-signup-heading = Create your portal login
portal-signup-lead = For SonixNet customers with a contract. You need the customer number printed on your contract or welcome letter.
portal-signup-number = Customer number
portal-signup-name = Full name
portal-signup-name-placeholder = Aiko Tanaka
portal-signup-email = Email
portal-signup-phone = Phone
portal-signup-password = Password
portal-signup-password-hint = At least { $min } characters, not your email.
portal-signup-submit = Create my login
portal-signup-submitting = Creating your login…
portal-signup-demo = Demo customer numbers you can sign up with:
portal-signup-check-field = Please check the field marked below its input.
portal-signup-have-login = Already have a login?
portal-signup-log-in = Log in
portal-signup-billing = Have a billing login but no customer number?
portal-signup-link = Link your billing account

## Forgotten password
portal-forgot-title = Forgot your password?
portal-forgot-lead = Enter the email you log in with. We will send you a link to choose a new password.
portal-forgot-email = Email
portal-forgot-send = Send the link
portal-forgot-sending = Sending…
portal-reset-title = Choose a new password
portal-reset-lead = Setting it logs you out on every device.
portal-reset-new-password = New password
portal-reset-save = Set the new password
portal-reset-saving = Saving…
portal-reset-done = Your password is changed. Log in with it now.
portal-reset-no-token = This page needs the link from the email. Ask for a new one if it is lost.
portal-reset-ask-again = Ask for a new link
portal-reset-back = Back to login
portal-reset-sent = If this email has a portal login, we have sent it a link to choose a new password. The link works once, for 30 minutes.

## Page not found
portal-not-found-title = Page not found
portal-not-found-lead = There is nothing at this address.
portal-not-found-home = Go to my subscriptions

## Account page
portal-account-title = Your account
portal-account-sessions = Where you are logged in
portal-account-sessions-lead = A session ends by itself after 30 minutes without use. If you see a device you do not recognise, log it out and change your password.
portal-account-sessions-loading = Loading your sessions…
portal-account-this-device = This device
portal-account-session-when = Logged in { $created } · last active { $seen }
portal-account-end-session = Log out
portal-account-everywhere = Log out everywhere
portal-account-everywhere-hint = Ends every session, this one included. You will need your password on each device again.
portal-profile-title = Profile
portal-profile-edit-address = Edit address
portal-profile-loading = Loading your profile…
portal-profile-name = Name
portal-profile-email = Email
portal-profile-phone = Phone
portal-profile-address = Address
portal-profile-payment-method = Payment method:{" "}
portal-profile-payment-on-file = on file
portal-profile-payment-none = none yet — add one to top up and order
portal-profile-manage-payment = Manage payment methods
portal-profile-billing-error = Our billing system is not responding right now. Please try again in a few minutes.

## Address step
portal-address-welcome-title = Welcome! Check your address
portal-address-welcome-lead = Your login is ready. This is the address we will send SIM cards and letters to. Correct it if needed, then continue.
portal-address-welcome-submit = Save and continue
portal-address-title = Your address
portal-address-lead = Where we send SIM cards and letters. Billing uses it on your invoices.
portal-address-submit = Save address
portal-address-back = ← Your account
portal-address-loading = Loading your address…
portal-address-phone = Phone
portal-address-saved = Saved. Billing has your new address.
portal-address-saving = Saving…

## Billing page
portal-billing-title = Billing
portal-billing-lead = Your invoices. Paying or viewing one opens our billing system, already signed in.
portal-billing-loading = Loading your invoices…
portal-billing-empty = You have no invoices yet.
portal-billing-invoice = Invoice
portal-billing-date = Date
portal-billing-due = Due
portal-billing-amount = Amount
portal-billing-status = Status
portal-billing-open = Open
portal-billing-pay = Pay
portal-billing-view = View
portal-billing-outstanding = {" "}to pay
portal-billing-open-not-found = That invoice is not on your account.
portal-billing-open-unavailable = We could not open the billing system just now. Please try again in a few minutes.
portal-invoice-paid = Paid
portal-invoice-unpaid = Unpaid
portal-invoice-overdue = Overdue
portal-invoice-payment-pending = Payment pending
portal-invoice-cancelled = Cancelled
portal-invoice-refunded = Refunded
portal-invoice-collections = In collections

## Support
portal-list-separator = ,{" "}
portal-support-title = Support
portal-support-lead = Ask us anything about your SIMs, plans or bills. We answer here and by email, usually within one business day.
portal-support-cases = Your cases
portal-support-loading = Loading your cases…
portal-support-empty = No cases yet. Open one with the form.
portal-support-new-case = Open a case
portal-support-category = Category
portal-support-choose = Choose…
portal-support-subject = Subject
portal-support-subject-placeholder = No data since this morning
portal-support-description = What happened?
portal-support-description-placeholder = Which SIM or number, since when, what you already tried.
portal-support-submit = Open case
portal-support-sending = Sending…
portal-support-category-sim = SIM & network
portal-support-category-billing = Billing
portal-support-category-plan = Plan change
portal-support-category-account = Account
portal-support-category-other = Other
portal-support-status-new = New
portal-support-status-working = Working
portal-support-status-escalated = Escalated
portal-support-status-closed = Closed
portal-support-subject-invalid = Give the case a subject of one line (at most { $max } characters).
portal-support-category-invalid = Choose a category: { $list }.
portal-support-description-invalid = Describe what happened (at most { $max } characters).
portal-support-comment-invalid = Write a comment of at most 4,000 bytes (about 1,300 Japanese characters).
portal-support-not-connected = Your account is not connected to our support system yet. Please call or email support and we will connect it.
portal-case-title = Support case
portal-case-back = ← All cases
portal-case-loading = Loading the case…
portal-case-meta = Case #{ $number } · { $category } · opened { $opened }
portal-case-conversation = Conversation
portal-case-no-replies = No replies yet. We will answer here and email you.
portal-case-reply = Add a reply
portal-case-send = Send reply
portal-case-not-found = We could not find that case.

## Shop (catalog and product)
portal-price-monthly = { $price } / month
portal-price-once = { $price } once
portal-category-internet = Internet
portal-shop-title = Shop
portal-shop-lead = Data-only eSIMs on NTT Docomo's network, home fibre and VPN. Prices include tax; nothing is charged until your order is approved.
portal-shop-loading = Loading the catalog…
portal-shop-fee = { $name }: { $price }
portal-shop-fees = One-time { $fees }
portal-shop-choose = Choose
portal-product-title = Order
portal-product-back = ← Shop
portal-product-loading = Loading…
portal-product-unavailable = This product is not available.
portal-product-add-ons = Add-ons
portal-product-add-on = { $name } — { $price }
portal-product-place = Place order
portal-product-placing = Placing your order…
portal-product-review-note = Our team reviews every order, usually within one business day. You can follow each step on the order's page.
portal-totals-monthly = Monthly
portal-totals-once-first-bill = Once, with the first bill
portal-add-payment-method = Add a payment method
portal-checks-address = Contract address
portal-checks-address-missing = Missing: add your address before you order.
portal-checks-address-unreadable = Could not be read just now.
portal-checks-change = Change
portal-checks-log-in-to-order = Log in to order:{" "}
portal-checks-log-in = Log in
portal-checks-payment = Payment method
portal-checks-payment-none-yet = None yet
portal-checks-payment-none = None yet: add one to order.
portal-checks-manage = Manage
portal-option-unknown = { $option } is not an option of this product.
portal-option-required = Enter the { $label }.
portal-option-choose = { $label } must be one of: { $choices }.
portal-add-on-unknown = { $sku } is not an add-on of this product.
portal-add-on-twice = { $name } is chosen twice.

## Orders
portal-orders-title = Orders
portal-orders-browse = Browse the shop
portal-orders-loading = Loading your orders…
portal-orders-empty = No orders yet.
portal-order-title = Order
portal-order-back = ← All orders
portal-order-loading = Loading the order…
portal-order-not-found = We could not find that order.
portal-order-placed = placed { $placed }
portal-order-placed-numbered = Order #{ $number } · placed { $placed }
portal-order-open-subscription = Open the subscription
portal-order-manage-sim = Manage your new SIM ({ $number })
portal-order-items = Items
portal-order-option-eid = Device EID
portal-order-option-network = Network
portal-order-option-region = Exit region
portal-totals-once = Once
portal-order-step-submitted = Submitted
portal-order-step-under-review = Under review
portal-order-step-approved = Approved
portal-order-step-payment-checked = Payment method checked
portal-order-step-sim-activated = SIM activated
portal-order-step-billing-created = Billing created
portal-order-step-completed = Completed
portal-order-status-failed = Could not be completed
portal-order-status-waiting = Waiting for you
portal-order-status-completed = Completed
portal-order-status-under-review = Under review
portal-order-status-in-progress = In progress
portal-order-paused-no-payment-method = We need a payment method before we can activate your order. Add one and we continue automatically.
portal-order-failed = We could not activate this order. Our team has been told and will contact you; you have not been charged for anything not activated.
portal-order-payment-required = Add a payment method before you order: nothing is charged until your order is approved.
portal-order-address-required = Add your address before you order: we need it for the contract.
portal-order-product-changed = This product changed while you were ordering. Please check it and order again.
portal-order-still-submitting = Your order is still being submitted. Please check your orders in a minute.

## Subscriptions list
portal-subscriptions-title = My subscriptions
portal-subscriptions-lead = Choose a SIM to see its details and manage it.
portal-subscriptions-empty = You have no subscriptions yet.
portal-subscriptions-loading = Loading your subscriptions…
portal-subscriptions-no-number = No number assigned
portal-subscriptions-manage = Manage SIM

## Payment method banner
portal-payment-banner-lead = You need a card on file to top up data and to order new SIMs. It takes a minute in our billing system.

## Address fields
portal-address-fields-legend = Address in Japan
portal-address-fields-postcode = Postcode
portal-address-fields-prefecture = Prefecture
portal-address-fields-choose = Choose…
portal-address-fields-city = City, ward or town
portal-address-fields-city-placeholder = Shibuya-ku
portal-address-fields-line1 = Street address
portal-address-fields-line1-placeholder = 1-2-3 Shibuya
portal-address-fields-line2 = Building and room{" "}
portal-address-fields-optional = (optional)
portal-address-fields-line2-placeholder = Shibuya Heights 401

## Usage feed tokens (account page)
portal-feed-title = Usage feed
portal-feed-lead = A read-only token lets a program (Home Assistant, a spreadsheet) read your SIMs' data usage as JSON. It can read usage and nothing else; revoke it any time.
portal-feed-name = Token name
portal-feed-name-hint = Home Assistant
portal-feed-create = Create token
portal-feed-empty = No tokens yet.
portal-feed-row-when = Created { $created } · last used { $used }
portal-feed-revoke = Revoke
portal-feed-copy-now = Copy this token now: it is not shown again.
portal-feed-use = Use it like this (at most one read every 30 seconds):
portal-feed-loading = Loading your tokens…

## Sign-up and address rules
portal-signup-postcode-invalid = Enter the 7-digit postcode, e.g. 150-0002.
portal-signup-prefecture-invalid = Choose your prefecture.
portal-signup-city-missing = Enter your city or ward.
portal-signup-city-too-long = The city or ward can have at most 100 characters, on one line.
portal-signup-line1-missing = Enter your street address.
portal-signup-line1-too-long = The street address can have at most 100 characters, on one line.
portal-signup-line2-too-long = The building and room can have at most 100 characters, on one line.
portal-signup-phone-invalid = Enter a phone number we can call, e.g. 090-1234-5678.
portal-signup-number-invalid = Enter the customer number from your contract, e.g. SNX-300101.
portal-signup-email-invalid = Enter a valid email address, e.g. name@example.com.
portal-signup-password-has-email = Choose a password that does not contain your email address.
portal-signup-password-too-simple = Choose a password with more different characters.
portal-signup-name-invalid = Enter your full name as on your contract.
portal-password-too-short = Choose a password of at least { $min } characters.
portal-password-too-long = A password can have at most { $max } characters.

## Devices of the login sessions
portal-device-unknown = Unknown device
portal-device-browser-on = { $browser } on { $os }
portal-device-a-browser-on = A browser on { $os }
portal-device-other = Another app or device

## Server answers: login, linking, password reset, sign-up, support, limits
portal-session-already-ended = That session has already ended.
portal-link-not-owner = This billing login does not own a billing account (it may be a contact of someone else's). Ask the account owner to link it, or contact support.
portal-link-several-accounts = This billing login owns several billing accounts. Please contact support, so we link the right one.
portal-link-email-invalid = Enter the email of your billing login.
portal-link-billing-password-missing = Enter your billing password.
portal-link-client-taken = This billing account already has a portal login. Log in with it, or reset its password.
portal-link-email-taken = This email already has a portal login. Please log in instead.
portal-reset-unavailable = Password reset by email is not available on this portal yet. Please contact support.
portal-reset-email-invalid = Enter the email you log in with.
portal-reset-expired = This reset link has expired or was already used. Please ask for a new one.
portal-signup-records = Our customer records
portal-signup-email-taken = This email already has a portal login. Log in, or reset its password.
portal-signup-number-unknown = We could not find this customer number. Check it on your contract, or contact support.
portal-signup-in-progress = A sign-up with this customer number is being completed. You will get an email when it is done; then log in.
portal-signup-number-taken = This customer number already has a portal login. Log in instead, or reset its password.
portal-signup-email-has-billing = This email already has a billing account with us. Log in to link it instead ("First time here? Link your billing account" on the login page).
portal-signup-email-refused = Enter a valid email address.
portal-signup-billing-refused = Our billing system could not accept these details. Please check them, or contact support.
portal-limit-busy = The portal is handling too many logins right now.
portal-limit-failed-logins = Too many failed logins.
portal-limit-actions = You have made many changes in a short time.
