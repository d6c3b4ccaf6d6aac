# Domain rules' words: dates, errors, usage, the SIM's state and actions, top-ups, alerts,
# trips, the feed. Date formats are chrono patterns.
domain-datetime-format = %-d %b %Y, %H:%M
domain-date-format = %-d %b %Y
domain-short-date-format = %-d %b
domain-cancel-date-invalid = Choose a cancellation date (YYYY-MM-DD).
domain-error-unauthorized = Please log in to continue.
domain-error-invalid-credentials = The email or password is incorrect.
domain-error-not-found = We could not find that subscription.
domain-error-too-large = The request is too large.
domain-error-unconfirmed = We sent your request, but the mobile network did not confirm it in time. Please don't send it again: this page shows the change as soon as the network reports it.
domain-error-upstream = { $name } is not responding right now. Please try again in a few minutes.
domain-error-internal = Something went wrong on our side. Please try again later.
domain-error-transport = The portal could not be reached ({ $reason }). Check your connection and try again.
domain-error-transport-network = network error
domain-error-transport-reply = unexpected reply
domain-error-bad-args = The request's fields are missing or not valid.
domain-wait-seconds = { $count ->
    [one] { $count } second
   *[other] { $count } seconds
}
domain-wait-minutes = { $count } minutes
domain-rate-limited = { $what } Please wait { $wait } and try again.
domain-network-type-invalid = Network type must be 4G or 5G, not { $value }.
domain-feature-voice-mail = voice mail { $state ->
    [on] on
   *[off] off
}
domain-feature-call-waiting = call waiting { $state ->
    [on] on
   *[off] off
}
domain-feature-roaming = international roaming { $state ->
    [on] on
   *[off] off
}
domain-feature-network = network { $network }
domain-list-separator = {", "}
domain-sim-active = Active
domain-sim-suspended = Suspended
domain-sim-cancelled = Cancelled
domain-sim-pending = Pending
domain-sim-physical = Physical SIM
domain-sim-esim = eSIM
domain-plan-other = Other plan ({ $code })
domain-unknown = Unknown
domain-outcome-accepted = Accepted
domain-outcome-failed = Failed
domain-outcome-unconfirmed = Unconfirmed
domain-service-active = Active
domain-service-pending = Pending
domain-service-suspended = Suspended
domain-service-terminated = Terminated
domain-service-cancelled = Cancelled
domain-pending-plan = Plan change to { $plan } on { $date }.
domain-pending-cancel = This SIM is scheduled to be cancelled on { $date }.
domain-pending-features = Applying { $change } (usually a few minutes).
domain-pending-network = Switching the line to { $network }. This takes up to 30 minutes; other changes wait until it is done.
domain-pending-reissue = Reissuing the eSIM to the new device. You will be able to install it shortly.
domain-why-cancelled = This SIM is cancelled. Its details stay here for your records.
domain-why-setting-up = This SIM is still being set up. Try again shortly.
domain-why-other-state = The line is in a state that cannot be changed online. Please contact support.
domain-why-switching = The line is switching to { $network }; no other change is possible until it is done (up to 30 minutes).
domain-why-plan-scheduled = A change to { $plan } is already scheduled for { $date }. Cancel it first to choose another plan.
domain-why-suspended = The line is suspended. Please contact support to resume it first.
domain-why-cancelling = { $what } is not possible: this SIM is being cancelled on { $date }.
domain-action-plan-change = A plan change
domain-why-plan-not-online = This plan cannot be changed online. Please contact support.
domain-why-cancel-scheduled = Cancellation is already scheduled for { $date }.
domain-why-physical = Only eSIMs can be reissued. For a new physical SIM card, please contact support.
domain-why-reissuing = A reissue is already in progress.
domain-why-options-applying = Your last change to these options is still being applied.
domain-why-no-network-type = The carrier did not report this line's network type. Please contact support to change it.
domain-topup-date-format = { $what } must be a date (YYYY-MM-DD).
domain-topup-date-range = { $what } must be between { $from } and { $to }.
domain-topup-amount-missing = Choose an amount or type one in MB.
domain-topup-amount-whole = Type the amount in MB as a whole number, e.g. 2500.
domain-topup-campaign-invalid = A campaign code has up to 32 letters, digits, - or _.
domain-topup-the-date = The top-up date
domain-topup-the-expiry = The expiry date
domain-idempotency-key-invalid = An idempotency key has 8–100 letters, digits, -, _, : or . characters.
domain-topup-added = Added
domain-topup-in-progress = In progress
domain-topup-scheduled = Scheduled
domain-topup-voided = Refunded as credit
domain-topup-not-paid = Not paid
domain-history-date-format = { $field } must be YYYY-MM-DD.
domain-history-order = fromDate must not be after toDate.
domain-history-max = The history covers at most one year per request.
domain-eid-missing = Enter the EID of the new device.
domain-eid-digits = An EID has digits only.
domain-eid-length = An EID has { $want } digits; this has { $got }.
domain-eid-prefix = An EID starts with 89.
domain-eid-check = This EID's check digits do not match: please check each digit.
domain-quota-min = A top-up must be at least { $mb } MB.
domain-quota-max = A top-up can be at most { $mb } MB (50 GB).
domain-forecast-unknown = Not enough recent usage to forecast yet.
domain-forecast-exhausted = Your high-speed data is used up. It renews on { $date }, or top up now.
domain-forecast-runs-out = At this pace ({ $pace } a day) your data lasts until { $date }.
domain-forecast-lasts = At this pace ({ $pace } a day) your data lasts until it renews on { $date }.
domain-right-size-over = Your last { $days } days used { $used }: more than any plan holds; { $plan } plus top-ups would have covered it.
domain-right-size-right = Your last { $days } days used { $used }: your { $plan } plan is the right size.
domain-right-size-bigger = Your last { $days } days used { $used }: more than your { $plan } plan; { $suggestion } would have been enough.
domain-right-size-smaller = Your last { $days } days used { $used }: { $suggestion } would have been enough.
domain-alert-percent-range = Choose a share of your data between 1 and 99 %.
domain-alert-left-range = Choose an amount left between 10 MB and 100 GB.
domain-alert-kind = Choose “share used” or “data left”.
domain-alert-percent = { $percent } % used
domain-alert-left = { $amount } left
domain-alert-percent-reached = You have used { $percent } % or more of this month's data ({ $used } of { $total }).
domain-alert-left-reached = Your data left this month is down to { $left } (your alert: { $amount } left).
domain-alert-duplicate = You already have this alert.
domain-alert-max = A SIM can have at most { $max } alerts; remove one first.
domain-trip-date-format = Enter a date as YYYY-MM-DD.
domain-trip-tomorrow = A trip starts tomorrow at the earliest.
domain-trip-within-year = A trip starts within a year.
domain-trip-order = The last day is before the first day.
domain-trip-max-days = A trip is at most { $days } days.
domain-trip-label = A trip's name is at most 60 characters.
domain-trip-scheduled = Scheduled
domain-trip-underway = Roaming on
domain-trip-over = Finished
domain-trip-cancelled = Cancelled
domain-trip-failed = Could not switch
domain-range-sep = {" – "}
domain-range-month-first = %-d %b
domain-range-month-last = %-d %b %Y
domain-range-day-first = %-d
domain-range-day-last = %-d %b %Y
domain-range-day-sep = –
domain-feed-label-missing = Name the token after where you use it (e.g. Home Assistant).
domain-feed-label-long = A token's name is at most 40 characters.
