# カスタマーポータル：ログイン、新規登録、アカウント、ご請求、サポート、ショップ、ご注文。

## ログイン
portal-login-title = ログイン
portal-login-heading = ログインして SIM を管理
portal-login-email = メールアドレス
portal-login-password = パスワード
portal-login-submit = ログイン
portal-login-submitting = ログインしています…
portal-login-demo = デモ用アカウント（通信事業者と請求はシミュレーションです）：
portal-login-demo-password = パスワード：
portal-login-first-time = 既にご請求アカウントをお持ちで、初めてご利用の方は
portal-login-link = ポータルのログインを設定
portal-login-forgot = パスワードをお忘れですか？
portal-login-new-here = お客様番号をお持ちの新規のお客様は
portal-login-sign-up = 新規登録

## パスワード欄の共通文言
portal-password-hint = { $min }文字以上で入力してください。

## 既存のご請求アカウントとの連携
portal-link-title = ポータルのログインを設定
portal-link-lead = 既にご契約中のお客様は、ご請求アカウントのメールアドレスとパスワードで一度だけ本人確認を行い、このポータル用のパスワードを設定してください。
portal-link-email = ご請求アカウントのメールアドレス
portal-link-billing-password = ご請求アカウントのパスワード
portal-link-new-password = ポータル用の新しいパスワード
portal-link-submit = 連携してログイン
portal-link-submitting = 確認しています…
portal-link-have-login = 設定済みの方は
portal-link-log-in = ログイン
portal-link-privacy = ご請求アカウントのパスワードは確認にのみ使用し、保存しません。

## 新規登録
portal-signup-title = 新規登録
portal-signup-heading = ポータルのログインを作成
portal-signup-lead = ご契約中の SonixNet のお客様向けです。契約書またはご案内状に記載のお客様番号が必要です。
portal-signup-number = お客様番号
portal-signup-name = 氏名
portal-signup-name-placeholder = 田中 愛子
portal-signup-email = メールアドレス
portal-signup-phone = 電話番号
portal-signup-password = パスワード
portal-signup-password-hint = { $min }文字以上で、メールアドレスを含まないものにしてください。
portal-signup-submit = ログインを作成
portal-signup-submitting = ログインを作成しています…
portal-signup-demo = 新規登録に使えるデモ用のお客様番号：
portal-signup-check-field = 入力欄の下に表示された項目をご確認ください。
portal-signup-have-login = 既にログインをお持ちの方は
portal-signup-log-in = ログイン
portal-signup-billing = ご請求アカウントのログインはあるが、お客様番号がわからない方は
portal-signup-link = ご請求アカウントを連携

## パスワードの再設定
portal-forgot-title = パスワードをお忘れですか？
portal-forgot-lead = ログインに使うメールアドレスを入力してください。新しいパスワードを設定するためのリンクをお送りします。
portal-forgot-email = メールアドレス
portal-forgot-send = リンクを送信
portal-forgot-sending = 送信しています…
portal-reset-title = 新しいパスワードを設定
portal-reset-lead = 設定すると、すべての端末でログアウトされます。
portal-reset-new-password = 新しいパスワード
portal-reset-save = 新しいパスワードを設定
portal-reset-saving = 保存しています…
portal-reset-done = パスワードを変更しました。新しいパスワードでログインしてください。
portal-reset-no-token = このページにはメールに記載のリンクが必要です。リンクが見つからない場合は、新しいリンクをご依頼ください。
portal-reset-ask-again = 新しいリンクを依頼
portal-reset-back = ログインに戻る
portal-reset-sent = このメールアドレスにポータルのログインがある場合、新しいパスワードを設定するためのリンクをお送りしました。リンクは30分間、1回のみ有効です。

## ページが見つかりません
portal-not-found-title = ページが見つかりません
portal-not-found-lead = このアドレスにはページがありません。
portal-not-found-home = ご契約一覧へ

## アカウントページ
portal-account-title = アカウント
portal-account-sessions = ログイン中の端末
portal-account-sessions-lead = 30分間操作がないと、セッションは自動的に終了します。心当たりのない端末がある場合は、その端末をログアウトしてパスワードを変更してください。
portal-account-sessions-loading = セッションを読み込み中…
portal-account-this-device = この端末
portal-account-session-when = ログイン { $created } · 最終利用 { $seen }
portal-account-end-session = ログアウト
portal-account-everywhere = すべての端末からログアウト
portal-account-everywhere-hint = この端末を含むすべてのセッションを終了します。各端末で再度パスワードの入力が必要になります。
portal-profile-title = プロフィール
portal-profile-edit-address = 住所を編集
portal-profile-loading = プロフィールを読み込み中…
portal-profile-name = 氏名
portal-profile-email = メールアドレス
portal-profile-phone = 電話番号
portal-profile-address = 住所
portal-profile-payment-method = お支払い方法：
portal-profile-payment-on-file = 登録済み
portal-profile-payment-none = 未登録です。データの追加購入やご注文には登録が必要です
portal-profile-manage-payment = お支払い方法を管理
portal-profile-billing-error = 現在、請求システムが応答していません。数分後にもう一度お試しください。

## 住所の確認・変更
portal-address-welcome-title = ようこそ！ご住所をご確認ください
portal-address-welcome-lead = ログインの準備ができました。SIM カードや郵便物はこの住所にお送りします。必要に応じて修正してから、次へお進みください。
portal-address-welcome-submit = 保存して次へ
portal-address-title = ご住所
portal-address-lead = SIM カードや郵便物の送付先です。請求書にも記載されます。
portal-address-submit = 住所を保存
portal-address-back = ← アカウント
portal-address-loading = ご住所を読み込み中…
portal-address-phone = 電話番号
portal-address-saved = 保存しました。新しいご住所は請求システムに反映されています。
portal-address-saving = 保存しています…

## ご請求ページ
portal-billing-title = ご請求
portal-billing-lead = 請求書の一覧です。お支払いや表示を選ぶと、ログイン済みの状態で請求システムが開きます。
portal-billing-loading = 請求書を読み込み中…
portal-billing-empty = 請求書はまだありません。
portal-billing-invoice = 請求書
portal-billing-date = 発行日
portal-billing-due = お支払い期限
portal-billing-amount = 金額
portal-billing-status = 状態
portal-billing-open = 開く
portal-billing-pay = 支払う
portal-billing-view = 表示
portal-billing-outstanding = の未払いがあります
portal-billing-open-not-found = この請求書はお客様のアカウントのものではありません。
portal-billing-open-unavailable = 現在、請求システムを開けませんでした。数分後にもう一度お試しください。
portal-invoice-paid = 支払済み
portal-invoice-unpaid = 未払い
portal-invoice-overdue = 期限超過
portal-invoice-payment-pending = 支払い処理中
portal-invoice-cancelled = キャンセル済み
portal-invoice-refunded = 返金済み
portal-invoice-collections = 督促中

## サポート
portal-list-separator = 、
portal-support-title = サポート
portal-support-lead = SIM、プラン、ご請求について何でもお問い合わせください。通常1営業日以内に、このページとメールでご回答します。
portal-support-cases = お問い合わせ一覧
portal-support-loading = お問い合わせを読み込み中…
portal-support-empty = お問い合わせはまだありません。フォームからお問い合わせください。
portal-support-new-case = お問い合わせを作成
portal-support-category = カテゴリ
portal-support-choose = 選択してください…
portal-support-subject = 件名
portal-support-subject-placeholder = 今朝からデータ通信ができない
portal-support-description = どのような状況ですか？
portal-support-description-placeholder = 対象の SIM または電話番号、いつからか、すでにお試しいただいたことをご記入ください。
portal-support-submit = 送信する
portal-support-sending = 送信しています…
portal-support-category-sim = SIM・通信
portal-support-category-billing = ご請求
portal-support-category-plan = プラン変更
portal-support-category-account = アカウント
portal-support-category-other = その他
portal-support-status-new = 受付
portal-support-status-working = 対応中
portal-support-status-escalated = 担当部署で確認中
portal-support-status-closed = 完了
portal-support-subject-invalid = 件名は1行、{ $max }文字以内で入力してください。
portal-support-category-invalid = カテゴリを選択してください（{ $list }）。
portal-support-description-invalid = 状況を{ $max }文字以内で入力してください。
portal-support-comment-invalid = コメントは4,000バイト以内（日本語で約1,300文字）で入力してください。
portal-support-not-connected = お客様のアカウントはまだサポートシステムに接続されていません。お電話またはメールでサポートにご連絡いただければ、接続いたします。
portal-case-title = お問い合わせ
portal-case-back = ← お問い合わせ一覧
portal-case-loading = お問い合わせを読み込み中…
portal-case-meta = お問い合わせ番号 #{ $number } · { $category } · 受付 { $opened }
portal-case-conversation = やり取り
portal-case-no-replies = まだ返信はありません。このページとメールでご回答します。
portal-case-reply = 返信を追加
portal-case-send = 返信を送信
portal-case-not-found = お問い合わせが見つかりませんでした。

## ショップ（カタログと商品）
portal-price-monthly = 月額 { $price }
portal-price-once = 一回 { $price }
portal-category-internet = インターネット
portal-shop-title = ショップ
portal-shop-lead = NTTドコモ回線のデータ専用 eSIM、光回線、VPN をご用意しています。価格は税込です。ご注文が承認されるまで料金は発生しません。
portal-shop-loading = カタログを読み込み中…
portal-shop-fee = { $name }：{ $price }
portal-shop-fees = 初回のみ { $fees }
portal-shop-choose = 選ぶ
portal-product-title = ご注文
portal-product-back = ← ショップ
portal-product-loading = 読み込み中…
portal-product-unavailable = この商品は現在ご利用いただけません。
portal-product-add-ons = オプション
portal-product-add-on = { $name } — { $price }
portal-product-place = 注文する
portal-product-placing = ご注文を送信しています…
portal-product-review-note = すべてのご注文は担当者が確認します（通常1営業日以内）。各ステップはご注文のページでご確認いただけます。
portal-totals-monthly = 月額
portal-totals-once-first-bill = 初回請求時に一回のみ
portal-add-payment-method = お支払い方法を登録
portal-checks-address = ご契約住所
portal-checks-address-missing = 未登録です。ご注文の前にご住所を登録してください。
portal-checks-address-unreadable = 現在読み込めません。
portal-checks-change = 変更
portal-checks-log-in-to-order = ご注文にはログインが必要です：
portal-checks-log-in = ログイン
portal-checks-payment = お支払い方法
portal-checks-payment-none-yet = 未登録
portal-checks-payment-none = 未登録です。ご注文には登録が必要です。
portal-checks-manage = 管理
portal-option-unknown = { $option } はこの商品のオプションではありません。
portal-option-required = { $label }を入力してください。
portal-option-choose = { $label }は次のいずれかを選んでください：{ $choices }。
portal-add-on-unknown = { $sku } はこの商品のオプションではありません。
portal-add-on-twice = { $name } が重複して選択されています。

## ご注文
portal-orders-title = ご注文
portal-orders-browse = ショップを見る
portal-orders-loading = ご注文を読み込み中…
portal-orders-empty = ご注文はまだありません。
portal-order-title = ご注文
portal-order-back = ← ご注文一覧
portal-order-loading = ご注文を読み込み中…
portal-order-not-found = ご注文が見つかりませんでした。
portal-order-placed = { $placed } にご注文
portal-order-placed-numbered = ご注文番号 #{ $number } · { $placed } にご注文
portal-order-open-subscription = ご契約を開く
portal-order-manage-sim = 新しい SIM を管理（{ $number }）
portal-order-items = ご注文内容
portal-order-option-eid = 端末の EID
portal-order-option-network = ネットワーク
portal-order-option-region = 出口リージョン
portal-totals-once = 一回のみ
portal-order-step-submitted = 送信済み
portal-order-step-under-review = 確認中
portal-order-step-approved = 承認済み
portal-order-step-payment-checked = お支払い方法の確認済み
portal-order-step-sim-activated = SIM 開通済み
portal-order-step-billing-created = 請求の登録済み
portal-order-step-completed = 完了
portal-order-status-failed = 完了できませんでした
portal-order-status-waiting = お客様の操作待ち
portal-order-status-completed = 完了
portal-order-status-under-review = 確認中
portal-order-status-in-progress = 手続き中
portal-order-paused-no-payment-method = ご注文を開通するには、お支払い方法の登録が必要です。登録いただくと、自動的に手続きを再開します。
portal-order-failed = このご注文を開通できませんでした。担当者に連絡済みで、こちらからご連絡いたします。開通していないものについて料金は発生していません。
portal-order-payment-required = ご注文の前にお支払い方法を登録してください。ご注文が承認されるまで料金は発生しません。
portal-order-address-required = ご注文の前にご住所を登録してください。ご契約に必要です。
portal-order-product-changed = ご注文中に商品の内容が変更されました。内容をご確認のうえ、もう一度ご注文ください。
portal-order-still-submitting = ご注文はまだ送信中です。1分ほどしてからご注文一覧をご確認ください。

## ご契約一覧
portal-subscriptions-title = ご契約一覧
portal-subscriptions-lead = 詳細の確認や管理を行う SIM を選んでください。
portal-subscriptions-empty = ご契約はまだありません。
portal-subscriptions-loading = ご契約を読み込み中…
portal-subscriptions-no-number = 電話番号未割り当て
portal-subscriptions-manage = SIM を管理

## お支払い方法のお知らせ
portal-payment-banner-lead = データの追加購入や新しい SIM のご注文には、カードの登録が必要です。請求システムで1分ほどで登録できます。

## 住所の入力欄
portal-address-fields-legend = 日本国内のご住所
portal-address-fields-postcode = 郵便番号
portal-address-fields-prefecture = 都道府県
portal-address-fields-choose = 選択してください…
portal-address-fields-city = 市区町村
portal-address-fields-city-placeholder = 渋谷区
portal-address-fields-line1 = 町名・番地
portal-address-fields-line1-placeholder = 渋谷1-2-3
portal-address-fields-line2 = 建物名・部屋番号
portal-address-fields-optional = （任意）
portal-address-fields-line2-placeholder = 渋谷ハイツ401

## 利用状況フィードのトークン（アカウントページ）
portal-feed-title = 利用状況フィード
portal-feed-lead = 読み取り専用のトークンを使うと、プログラム（Home Assistant やスプレッドシートなど）から SIM のデータ利用量を JSON で取得できます。利用量の読み取り以外には使えず、いつでも無効にできます。
portal-feed-name = トークン名
portal-feed-name-hint = Home Assistant
portal-feed-create = トークンを作成
portal-feed-empty = トークンはまだありません。
portal-feed-row-when = 作成 { $created } · 最終利用 { $used }
portal-feed-revoke = 無効にする
portal-feed-copy-now = このトークンを今すぐコピーしてください。再表示はできません。
portal-feed-use = 次のように使います（読み取りは30秒に1回まで）：
portal-feed-loading = トークンを読み込み中…

## 新規登録と住所の入力ルール
portal-signup-postcode-invalid = 7桁の郵便番号を入力してください（例：150-0002）。
portal-signup-prefecture-invalid = 都道府県を選択してください。
portal-signup-city-missing = 市区町村を入力してください。
portal-signup-city-too-long = 市区町村は1行、100文字以内で入力してください。
portal-signup-line1-missing = 町名・番地を入力してください。
portal-signup-line1-too-long = 町名・番地は1行、100文字以内で入力してください。
portal-signup-line2-too-long = 建物名・部屋番号は1行、100文字以内で入力してください。
portal-signup-phone-invalid = 連絡の取れる電話番号を入力してください（例：090-1234-5678）。
portal-signup-number-invalid = 契約書に記載のお客様番号を入力してください（例：SNX-300101）。
portal-signup-email-invalid = 有効なメールアドレスを入力してください（例：name@example.com）。
portal-signup-password-has-email = メールアドレスを含まないパスワードを設定してください。
portal-signup-password-too-simple = より多くの種類の文字を使ったパスワードを設定してください。
portal-signup-name-invalid = 契約書に記載の氏名を入力してください。
portal-password-too-short = パスワードは{ $min }文字以上で設定してください。
portal-password-too-long = パスワードは{ $max }文字以内で設定してください。

## ログイン中の端末
portal-device-unknown = 不明な端末
portal-device-browser-on = { $os } の { $browser }
portal-device-a-browser-on = { $os } のブラウザ
portal-device-other = その他のアプリまたは端末

## サーバーの応答：ログイン、連携、パスワード再設定、新規登録、サポート、回数制限
portal-session-already-ended = このセッションは既に終了しています。
portal-link-not-owner = このご請求アカウントのログインは、ご請求アカウントの所有者ではありません（他の方のアカウントの連絡先として登録されている可能性があります）。アカウントの所有者に連携を依頼するか、サポートにお問い合わせください。
portal-link-several-accounts = このご請求アカウントのログインは、複数のご請求アカウントを所有しています。正しいアカウントを連携するため、サポートにお問い合わせください。
portal-link-email-invalid = ご請求アカウントのログインに使うメールアドレスを入力してください。
portal-link-billing-password-missing = ご請求アカウントのパスワードを入力してください。
portal-link-client-taken = このご請求アカウントには既にポータルのログインがあります。そのログインでログインするか、パスワードを再設定してください。
portal-link-email-taken = このメールアドレスには既にポータルのログインがあります。ログインしてください。
portal-reset-unavailable = このポータルでは、メールによるパスワードの再設定はまだご利用いただけません。サポートにお問い合わせください。
portal-reset-email-invalid = ログインに使うメールアドレスを入力してください。
portal-reset-expired = この再設定リンクは有効期限が切れているか、既に使用されています。新しいリンクをご依頼ください。
portal-signup-records = お客様情報システム
portal-signup-email-taken = このメールアドレスには既にポータルのログインがあります。ログインするか、パスワードを再設定してください。
portal-signup-number-unknown = このお客様番号が見つかりませんでした。契約書をご確認いただくか、サポートにお問い合わせください。
portal-signup-in-progress = このお客様番号での新規登録を処理中です。完了したらメールでお知らせしますので、その後ログインしてください。
portal-signup-number-taken = このお客様番号には既にポータルのログインがあります。ログインするか、パスワードを再設定してください。
portal-signup-email-has-billing = このメールアドレスには既にご請求アカウントがあります。新規登録ではなく、ログインページの「ご請求アカウントを連携」から連携してください。
portal-signup-email-refused = 有効なメールアドレスを入力してください。
portal-signup-billing-refused = 請求システムでこの内容を受け付けられませんでした。内容をご確認いただくか、サポートにお問い合わせください。
portal-limit-busy = 現在、ポータルへのログインが集中しています。
portal-limit-failed-logins = ログインの失敗が続いています。
portal-limit-actions = 短時間に多くの変更が行われました。
