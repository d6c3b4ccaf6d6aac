# The operator console (/ops): pages, its server functions, REST API and services.

## SIM lifecycle states
console-state-available = Available
console-state-reserved = Reserved
console-state-active = Active
console-state-suspended = Suspended
console-state-lost-stolen = Lost or stolen
console-state-terminated = Terminated

## Lifecycle operations (buttons, headings)
console-op-reserve = Reserve
console-op-activate = Activate
console-op-suspend = Suspend
console-op-resume = Resume
console-op-report-lost = Report lost or stolen
console-op-terminate = Terminate
console-op-swap = Swap to a new card

## … as a SIM undergoes it: "A SIM that is active cannot be reserved."
console-op-done-reserve = reserved
console-op-done-activate = activated
console-op-done-suspend = suspended
console-op-done-resume = resumed
console-op-done-report-lost = reported lost
console-op-done-terminate = terminated
console-op-done-swap = swapped

## Checks on SIM data (import rows, ICCIDs typed by staff)
console-iccid-missing = ICCID is missing
console-iccid-not-digits = ICCID has characters other than digits
console-iccid-length = ICCID has { $count } digits; it needs 19 or 20
console-iccid-prefix = ICCID does not start with 89
console-iccid-luhn = ICCID check digit is wrong (Luhn)
console-msisdn-invalid = MSISDN must be an 11-digit mobile number (070/080/090/020)
console-code-digits = { $what } must be { $count } digits
console-code-digits-range = { $what } must be { $min }–{ $max } digits
console-card-type-invalid = type must be prepaid, postpaid or data-only
console-row-columns = { $count } columns; a row has iccid,pin,puk,type and optionally msisdn

## Staff roles and what they may do
console-role-admin = Admin
console-role-support = Support
console-role-viewer = Viewer
console-forbidden-read = Your role cannot see this.
console-forbidden-operate = Your role can only view; ask support or an admin to make changes.
console-forbidden-administer = Only an admin can do this.
console-staff-email-invalid = Enter the staff member's work email.

## The SIM list's order and filter
console-sort-iccid = ICCID ascending
console-sort-iccid-desc = ICCID descending
console-sort-created = Oldest first
console-sort-created-desc = Newest first
console-param-number = { $name } must be a number
console-filter-status-invalid = status must be AVAILABLE, RESERVED, ACTIVE, SUSPENDED, LOST_STOLEN or TERMINATED
console-filter-sort-invalid = sort must be iccid, -iccid, created or -created
console-filter-page-range = page must be 1–{ $max }; narrow the filter to reach further
console-filter-per-page-range = perPage must be 1–{ $max }
console-filter-q-invalid = search by the digits of an ICCID or phone number

## Customers' records, activation codes, tariff plans
console-customer-first-name-invalid = Enter the first name (at most 80 characters).
console-customer-last-name-invalid = Enter the last name (at most 80 characters).
console-customer-email-invalid = Enter an email address like name@example.com.
console-customer-phone-invalid = A phone number has 10 or 11 digits and starts with 0 (e.g. 090-1234-5678).
console-code-unused = Unused
console-code-used = Used
console-code-expired = Expired
console-tariff-name-invalid = Give the plan a name (at most 80 characters).
console-tariff-price-invalid = The monthly price is a whole number of yen.
console-tariff-price-range = The monthly price is ¥0–¥1,000,000.
console-tariff-description-too-long = The description is at most 1,000 characters.
console-tariff-kind-invalid = The kind is mobile or data-only.

## The console's header
console-brand-sub = Operator console
console-nav-dashboard = Dashboard
console-nav-sims = SIMs
console-nav-customers = Customers
console-nav-codes = Codes
console-nav-tariffs = Tariffs
console-nav-store = Store
console-nav-imports = Imports
console-nav-staff = Staff
console-logout = Log out
console-loading = Loading…

## /ops/login
console-login-title = Staff login
console-login-intro-before = For SonixNet staff. Customers log in at{" "}
console-login-intro-link = the customer portal
console-login-intro-after = {"."}
console-work-email = Work email
console-login-password = Password
console-login-pending = Logging in…
console-login-button = Log in
console-login-demo = Demo staff (one per role: admin, support, viewer):
console-login-demo-password = Password:{" "}

## /ops: the dashboard
console-dashboard-title = Dashboard · Operator console
console-dashboard-loading = Loading the numbers…
console-dashboard-total-all = All SIMs
console-dashboard-by-status = SIMs by status
console-dashboard-activations = Activations
console-dashboard-sims = SIMs
console-dashboard-period-day = per day, last 90 days
console-dashboard-period-week = per week, last 12 months
console-dashboard-period-month = per month, last 12 months
console-dashboard-activations-total = { $count } activations { $period }.
console-dashboard-bucket-label = Group activations by
console-dashboard-bucket-day = Day
console-dashboard-bucket-week = Week
console-dashboard-bucket-month = Month
console-dashboard-by-tariff = SIMs by tariff plan
console-dashboard-not-terminated = (not terminated)

## Words the console's tables and lists share
console-col-status = Status
console-col-type = Type
console-col-customer = Customer
console-col-tariff = Tariff
console-col-last-change = Last change (JST)
console-any = Any
console-search = Search
console-prev = ← Previous
console-next = Next →
console-page = Page { $page }

## /ops/sims: the SIM list
console-sims-title = SIMs · Operator console
console-sims-heading = SIM cards
console-sims-loading = Loading SIMs…
console-sims-empty = No SIM matches this filter.
console-sims-showing = Showing { $first }–{ $last }
console-sims-customer-link-title = All SIMs of this customer
console-sims-q-label = ICCID or number
console-sims-q-placeholder = 8981… or 080…
console-sims-order = Order
console-sims-filter = Filter
console-sims-clear = Clear
console-sims-customer-chip = Customer #{ $id }
console-sims-customer-chip-remove = Remove the customer filter

## SIM types and tariff kinds (in English the codes themselves)
console-card-prepaid = prepaid
console-card-postpaid = postpaid
console-card-data-only = data-only
console-tariff-kind-mobile = mobile
console-tariff-kind-data-only = data-only

## The SIM list's bulk change
console-preview = Preview
console-bulk-summary = Change all SIMs of this filter…
console-bulk-operation = Operation
console-bulk-reason = Reason (kept in each SIM's history)
console-bulk-limit = At most { $max } SIMs at a time; nothing changes until you apply the preview.
console-bulk-changed = { $count ->
    [one] Changed { $count } SIM.
   *[other] Changed { $count } SIMs.
}
console-bulk-not-changed = {" "}{ $count } not changed (refused or changed by someone else meanwhile).
console-bulk-will-change = { $count } will change
console-bulk-refused = , { $count } refused by the state machine
console-bulk-truncated = {" "}(only the first { $max } of the filter; narrow it for the rest)
console-bulk-refused-item = refused: { $reason }
console-bulk-apply = { $count ->
    [one] { $op } { $count } SIM
   *[other] { $op } { $count } SIMs
}

## /ops/codes: activation codes
console-codes-title = Activation codes · Operator console
console-codes-heading = Activation codes
console-codes-loading = Loading codes…
console-codes-code = Code
console-codes-expires = Expires (JST)
console-codes-used-at = Used (JST)
console-codes-never = never
console-codes-mark-used = Mark used
console-codes-mark-expired = Mark expired

## /ops/customers and /ops/customers/{id}
console-email = Email
console-phone = Phone
console-save-changes = Save changes
console-customers-title = Customers · Operator console
console-customers-add = Add a customer
console-customers-add-button = Add customer
console-customers-added-before = Added{" "}
console-customers-added-after = {"."}
console-customers-q-label = Name, email, phone or customer id
console-customers-loading = Loading customers…
console-customers-id = Id
console-customers-name = Name
console-customers-empty = No customer matches.
console-customer-title = Customer · Operator console
console-customer-back = ← All customers
console-customer-loading = Loading the customer…
console-customer-edit = Edit details
console-customer-id = Customer id
console-customer-since = Customer since
console-customer-sims = SIMs ({ $count })
console-customer-first-name = First name
console-customer-last-name = Last name
console-customer-phone-optional = Phone (optional)
console-assign-heading = Assign a SIM
console-assign-hint = Reserves an available card for this customer; activate it from the SIM's page.
console-assign-iccid = ICCID of an available SIM
console-assign-button = Assign
console-assign-done = Reserved { $iccid } for this customer.
console-changes-heading = Changes
console-changes-empty = No changes by staff yet.
console-changes-before = before:{" "}
console-changes-after = after:{" "}
console-action-created = created
console-action-updated = updated
console-action-deleted = deleted
console-action-marked-used = marked used
console-action-marked-expired = marked expired

## /ops/imports: the CSV import
console-imports-title = Import SIMs · Operator console
console-imports-heading = Import SIM cards
console-imports-admin-only = Only an admin can import SIM cards.
console-imports-choose-file = Choose a CSV file first.
console-imports-still-loading = the page is still loading
console-imports-unreadable-reply = unreadable reply
console-imports-rows = Rows
console-verdict-new = New
console-verdict-duplicate-in-file = Duplicate in file
console-verdict-duplicate-in-database = Already in inventory
console-verdict-invalid = Invalid
console-imports-line = Line
console-imports-verdict = Verdict
console-imports-reason = Reason
console-imports-truncated = The first { $shown } of { $total } rows are listed, problems first.
console-imports-step-file = 1. Choose the file
console-imports-help-columns = CSV with the columns{" "}
console-imports-help-header = {" "}(a header row is optional;{" "}
console-imports-help-type = {" "}is prepaid, postpaid or data-only;{" "}
console-imports-help-msisdn = {" "}may be empty). Nothing is written until you confirm.
console-imports-checking = Checking…
console-imports-done = Imported { $count ->
        [one] { $count } new SIM
       *[other] { $count } new SIMs
    }; { $skipped ->
        [one] { $skipped } row
       *[other] { $skipped } rows
    } skipped.
console-imports-see-new = See the new SIMs
console-imports-step-preview = 2. Check the preview
console-imports-download-rejected = Download the { $count ->
        [one] { $count } rejected row
       *[other] { $count } rejected rows
    } with reasons (CSV)
console-imports-step-import = 3. Import
console-imports-import-hint = Only the new rows are added, each as an available SIM with an IMPORTED event, all in one transaction. Running the same file again adds nothing twice.
console-imports-importing = Importing…
console-imports-commit = Import { $count ->
        [one] { $count } new SIM
       *[other] { $count } new SIMs
    }

## /ops/sims/{id}: one SIM, its actions and history
console-sim-title = SIM · Operator console
console-sim-back = ← All SIMs
console-sim-loading = Loading the SIM…
console-sim-number = Number
console-sim-final = Terminated is final: no more changes.
console-sim-done = Done: { $op }.
console-sim-tab-details = Details
console-sim-tab-history = History ({ $count })
console-sim-activation-code = Activation code
console-sim-added = Added
console-sim-last-change = Last change
console-sim-version = {" "}JST · version { $version }
console-sim-reveal = Show PIN and PUK
console-sim-reveal-hint = {" "}Each reveal is recorded in the history with your name.
console-sim-change-none = none
console-hint-reserve = Reserve this card for a customer; it can be activated later.
console-hint-activate = The card goes live. An activation code, if given, is used up.
console-hint-suspend = Service stops until the card is resumed.
console-hint-resume = Service starts again.
console-hint-report-lost = The card is blocked for good; swap the number to a new card next.
console-hint-terminate = Final: the card can never be used again and its number is released.
console-hint-swap = The number and tariff move to a new available card; this card is terminated.
console-action-reason = Reason (kept in the history)
console-action-code = Activation code (optional)
console-action-tariff = Tariff plan
console-action-tariff-none = None
console-action-tariff-keep = Keep { $name }
console-action-new-iccid = ICCID of the new card (must be available)
console-cancel = Cancel
console-event-imported = Imported
console-event-reserved = Reserved
console-event-activated = Activated
console-event-suspended = Suspended
console-event-resumed = Resumed
console-event-reported-lost = Reported lost
console-event-terminated = Terminated
console-event-swapped = Swapped
console-event-swapped-in = Swapped in
console-event-pin-revealed = Pin revealed
console-event-change = { $kind }: { $from } → { $to }
console-source-console = console
console-source-api = api
console-source-import = import
console-source-system = system

## /ops/staff: staff logins
console-staff-title = Staff · Operator console
console-staff-heading = Staff logins
console-staff-admin-only = Only an admin can manage staff logins.
console-staff-role = Role
console-staff-since = Since (JST)
console-staff-state = State
console-staff-role-of = Role of { $email }
console-staff-set-role = Set role
console-staff-disabled = Disabled
console-staff-active = Active
console-staff-enable = Enable
console-staff-disable = Disable
console-staff-add-heading = Add a staff login
console-staff-first-password = First password (at least 10 characters; share it in person)
console-staff-add = Add

## /ops/store-plans: the travel eSIM store's curation
console-plan = Plan
console-store-title = Store plans · Operator console
console-store-heading = Travel eSIM store
console-store-intro = Featured plans are shown first on the store's home page. The catalogue itself comes from eSIM Go every hour.
console-store-country = Country
console-store-loading = Loading the plans…
console-store-featured-now = Featured now ({ $count })
console-store-results = Search results ({ $count })
console-store-price = Price
console-store-featured = Featured
console-store-feature = Feature
console-store-unfeature = Stop featuring

## /ops/tariffs: tariff plans
console-tariffs-title = Tariff plans · Operator console
console-tariffs-heading = Tariff plans
console-tariffs-loading = Loading plans…
console-tariffs-name = Name
console-tariffs-price = Monthly price (¥)
console-tariffs-kind = Kind
console-tariffs-description = Description
console-tariffs-monthly = Monthly
console-tariffs-add-button = Add plan
console-tariffs-edit = Edit
console-tariffs-delete = Delete
console-tariffs-add-heading = Add a tariff plan

## Errors of the console's server functions, services and REST API
console-unknown-operation = unknown operation
console-no-such-customer = There is no such customer.
console-no-such-tariff = There is no such tariff plan.
console-no-such-code = There is no such activation code.
console-no-such-staff = There is no such staff login.
console-no-such-sim = There is no such SIM card.
console-no-such-operation = There is no such operation.
console-no-such-operation-named = There is no operation "{ $op }"; use { $known }.
console-code-status-invalid = status must be UNUSED, USED or EXPIRED
console-code-mark-invalid = status must be USED or EXPIRED
console-bulk-items-invalid = items must come from a preview
console-bulk-items-list = items is a list of {"{"}"id", "version"{"}"} from a preview
console-role-invalid = role must be admin, support or viewer
console-page-range = page must be 1–10000
console-unknown-param = Unknown parameter "{ $name }"; use { $known }.
console-body-wrong-types = The body's fields have the wrong types ({ $detail }).
console-param-date = { $name } must be a date, YYYY-MM-DD
console-bucket-invalid = bucket must be day, week or month
console-dry-run-invalid = dryRun must be true or false
console-reason-required = Give a reason to { $op }.
console-reason-too-long = The reason is at most 500 characters.
console-not-allowed = A SIM that is { $state } cannot be { $op }. Allowed now: { $allowed }.
console-not-allowed-nothing = nothing (it is final)
console-changed-meanwhile = Someone changed this SIM a moment ago. Reload it to see its current state.
console-code-not-unused = This activation code is { $status }.
console-code-has-expired = This activation code has expired.
console-code-just-used = This activation code was just used.
console-no-sim-with-id = There is no SIM card with id { $id }.
console-reserve-customer-required = Choose the customer to reserve this SIM for.
console-activate-customer-required = Choose the customer this SIM is activated for.
console-swap-iccid-required = Enter the ICCID of the new card.
console-iccid-not-in-inventory = No card with this ICCID is in the inventory.
console-swap-not-available = The new card must be available; it is { $state }.
console-bulk-no-swap-preview = A swap or a reservation needs a card or customer of its own; do it SIM by SIM.
console-bulk-no-swap-apply = A swap or a reservation is done SIM by SIM.
console-bulk-refusal = A SIM that is { $state } cannot be changed this way.
console-bulk-pick = Pick 1–{ $max } SIMs from a preview.
console-import-unreadable = The file is not readable CSV ({ $error }).
console-import-too-many = The file has more than { $max } rows; split it.
console-import-same-iccid = same ICCID as line { $line }
console-import-same-msisdn = same MSISDN as line { $line }
console-import-empty = The file has no rows. Each row is iccid,pin,puk,type[,msisdn].
console-import-iccid-taken = ICCID already in the inventory
console-import-msisdn-taken = MSISDN already belongs to a SIM in the inventory
console-import-conflict = Some of these SIMs were added by someone else a moment ago. Nothing was imported; preview the file again.
console-import-body-unreadable = The file could not be read.
console-import-content-type = Send the file as the body with Content-Type: text/csv.
console-staff-self-change = You cannot demote or disable yourself; ask another admin.
console-staff-email-taken = A staff login with this email exists.
console-no-staff-with-id = There is no staff login with id { $id }.
console-no-tariff = No tariff
console-range-reversed = to must not be before from
console-range-too-long = Ask for at most three years at a time.
console-tariff-name-taken = Another tariff plan has this name.
console-no-customer-with-id = There is no customer with id { $id }.
console-no-code-with-id = There is no activation code with id { $id }.
console-code-final = This code is { $status }; only an unused code can be marked used or expired.
console-code-changed-meanwhile = This code changed a moment ago; reload.
console-no-tariff-with-id = There is no tariff plan with id { $id }.
console-tariff-in-use = SIMs use this tariff plan; move them to another plan first.
