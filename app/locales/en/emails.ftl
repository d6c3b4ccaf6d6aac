# The emails to customers (server/src/emails.rs), in the recipient's language.
emails-footer = SonixNet customer support
emails-greeting-name = Hello { $name },
emails-greeting-anonymous = Hello,
emails-greeting-there = Hello there,
emails-fact-number = Number
emails-fact-data-added = Data added
emails-fact-paid = Paid
emails-fact-invoice = Invoice
emails-fact-item = Item
emails-fact-plan = Plan
emails-fact-your-alert = Your alert
emails-install-esim = Install your eSIM
emails-welcome-subject = Welcome to the SonixNet portal
emails-welcome-intro = welcome to the SonixNet portal. Your login is linked to customer number { $customer_number }.
emails-welcome-what = See your SIMs, top up data, change your plan and contact support whenever you need. Before you order or top up, add a payment method: the portal shows you where after you log in.
emails-welcome-login = Log in
emails-welcome-not-you = If you did not sign up, reply to this email and we will close the login.
emails-reset-subject = Reset your SonixNet portal password
emails-reset-intro = someone (hopefully you) asked to reset the password of your SonixNet portal login.
emails-reset-link = Open this link within { $minutes } minutes to choose a new password
emails-reset-once = The link works once. If you did not ask for this, ignore this email: your password stays as it is.
emails-receipt-subject = Your data top-up receipt
emails-receipt-text = your top-up is on your line. Thank you!
emails-receipt-invoices = See your invoices
emails-order-subject = Your order { $order } is ready
emails-order-text = your order { $order } is complete:
emails-order-subscriptions = See your subscriptions
emails-esim-subject = Your eSIM is ready to install
emails-esim-text = the eSIM for { $number } is ready. Install it on your phone from the portal: it shows the QR code to scan with another device, or the one-tap install for the phone you hold.
emails-esim-wifi = Keep the phone connected to Wi-Fi while it installs. The QR code works once.
emails-store-topup-subject = Your travel eSIM top-up is ready
emails-store-topup-text = { $plan } is on your eSIM { $iccid }.
emails-store-see-esims = See your eSIMs
emails-store-ready-subject = Your travel eSIM is ready to install
emails-store-ready-text = { $count ->
    [one] your eSIM is ready. Open the order to install: on the phone you hold with one tap (iPhone) or the activation code (Android), or scan the QR code with another device.
   *[other] your { $count } eSIMs are ready. Open the order to install: on the phone you hold with one tap (iPhone) or the activation code (Android), or scan the QR code with another device.
}
emails-store-alert-used = { $percent }% of your data is used
emails-store-alert-ends = your plan ends within a day
emails-store-alert-subject = Your travel eSIM: { $headline }
emails-store-alert-text = { $headline } on your travel eSIM { $iccid }.
emails-store-alert-add-data = Add data
emails-store-alert-usage = Usage and plans of your eSIMs: { $url }
emails-usage-alert-subject = Data alert for { $number }: { $alert }
emails-usage-alert-link = Top up or see your usage
emails-usage-alert-monthly = You get this email once a month for each alert you set; change your alerts on the SIM's page.
