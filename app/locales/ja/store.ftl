# 海外eSIMストア：プラン一覧、プランページ、購入、ご注文、マイeSIM、インストール案内、
# ストアのサーバーメッセージ。

## プラン一覧（/store）
store-title = 海外eSIM
store-lead = 旅行先でのモバイルデータ通信を、30以上の国と地域の現地ネットワークで。対象国、データ容量、日数、価格はお支払い前にすべてご確認いただけます。インストールは QR コード、または iPhone ならワンタップで1分ほどで完了します。
store-popular = 人気のプラン
store-all-plans = すべてのプラン
store-loading-plans = プランを読み込み中…
store-plan-card-view = プランを見る
store-results-none = 条件に合うプランがありません。条件を減らすか、近隣の国・地域でお探しください。
store-results-count = { $count ->
   *[other] { $count }件のプラン
}
store-results-pages = 検索結果のページ
store-results-previous = ← 前へ
store-results-next = 次へ →

## 絞り込み
store-filter-where = どちらへ行かれますか？
store-filter-where-placeholder = 国名（例：Japan、Korea）
store-filter-region = 地域
store-filter-region-any = すべての地域
store-region-asia = アジア
store-region-europe = ヨーロッパ
store-region-north-america = 北米
store-region-south-america = 南米
store-region-oceania = オセアニア
store-region-middle-east = 中東
store-region-africa = アフリカ
store-filter-days = 旅行日数
store-filter-any = 指定なし
store-filter-days-min = { $days }日以上
store-filter-data = データ容量
store-filter-data-min = { $gb } GB以上
store-filter-max-price = 上限価格（¥）
store-filter-sort = 並び順
store-sort-price = 安い順
store-sort-data = データ容量の多い順
store-sort-days = 日数の長い順
store-filter-submit = プランを表示
store-filter-invalid-number = { $field } には { $max } 以下の整数を指定してください
store-filter-invalid-country = country には2文字の ISO 国コードを指定してください
store-filter-invalid-q = 検索語は60文字以内で入力してください
store-filter-invalid-region = 地域は40文字以内で指定してください
store-filter-invalid-sort = 並び順は price、data、days のいずれかを指定してください

## プラン（/store/plans/…）
store-back-to-plans = ← 海外eSIM一覧へ
store-plan-unavailable = このプランは現在ご利用いただけません。
store-plan-price-note = 価格は税込です。1回のお支払いのみで、継続課金はありません。
store-plan-data = データ容量
store-plan-data-unlimited = 無制限（毎日最初の1 GBまで高速、その後は低速）
store-plan-data-full-speed = 高速データ { $data }
store-plan-valid-for = 有効期間
store-plan-validity = 対象国で eSIM が初めて接続した時点から{ $days }間
store-plan-networks = ネットワーク
store-plan-covers = 対象エリア
store-plan-countries = 対象国（{ $count }か国）
store-data-unlimited = 無制限
store-coverage-region = { $region }（{ $count }か国）
store-coverage-countries = { $count }か国

## ストアのナビゲーション
store-nav-label = ストア
store-nav-plans = プラン
store-nav-esims = マイeSIM
store-nav-orders = ご注文履歴

## 購入
store-buy-heading = 購入
store-buy-quantity = eSIMの数
store-buy-total = 合計{" "}
store-buy-now = 今すぐ購入
store-buy-top-up-label = または、お持ちの eSIM にこのプランを追加
store-buy-top-up-button = { $price }で追加
store-buy-note = ご請求アカウントに登録のカードでお支払いいただきます。eSIMをご提供できなかった場合は、代金は自動的にアカウントへ返金されます。
store-buy-login-before = 購入するには
store-buy-login-link = ログイン
store-buy-login-after = してください。
store-quantity-invalid = eSIMの数は1～{ $max }の範囲でお選びください。

## ご注文（/store/orders/…）
store-order-title = eSIMのご注文
store-order-loading = ご注文を読み込み中…
store-order-not-found = ご注文が見つかりませんでした。
store-order-top-up-title = eSIM { $iccid } へのデータ追加
store-order-step-payment = お支払い
store-order-step-esim = eSIM
store-order-step-ready = 完了
store-order-progress = 進捗状況
store-order-label = ご注文番号
store-order-placed = ご注文日時
store-order-plan = プラン
store-order-paid = お支払い金額
store-order-top-up-done = プランは eSIM に追加されました。
store-order-see-esims = マイeSIMを見る
store-stage-paying = お支払い手続き中
store-stage-preparing = eSIMを準備中
store-stage-ready = 完了
store-stage-payment-failed = お支払いに失敗しました
store-stage-refunded = 返金済み
store-stage-needs-attention = 担当者が確認中

## ご注文が eSIM なしで終わった理由
store-failure-no-pay-method = ご請求アカウントにお支払い方法を登録してから、もう一度ご購入ください。料金は発生していません。
store-failure-billing-down = 請求システムが利用できなかったため、料金は発生していません。数分後にもう一度お試しください。
store-failure-billing-refused = 請求システムでお支払いが受け付けられなかったため、料金は発生していません。
store-failure-declined = カードが承認されなかったため、料金は発生していません。ご請求ページでカードをご確認のうえ、もう一度ご購入ください。
store-failure-not-through = お支払いが完了しなかったため、料金は発生していません。
store-failure-not-confirmed = お支払いを確認できなかったため、料金は発生していません。もう一度ご購入ください。
store-failure-refunded-unsupplied = eSIM Go が現在このプランを提供できなかったため、{ $amount }をアカウントのクレジットとして返金しました。
store-failure-refunded-not-taken = eSIM Go がご注文を受け付けなかったため、{ $amount }をアカウントのクレジットとして返金しました。
store-failure-checking = このご注文は担当者が確認しております。追ってご連絡いたします。

## インストール案内
store-install-loading = インストール案内を読み込み中…
store-install-heading = eSIMのインストール{" "}
store-install-iphone-heading = この iPhone にインストール
store-install-iphone-button = eSIMをインストール
store-install-iphone-note = 「設定」が開き、eSIMを追加できます（iOS 17.4 以降）。それ以前の iOS では、別の画面に表示した QR コードを読み取ってください。
store-install-android-heading = この Android スマートフォンにインストール
store-install-android-step1 = 「設定」→「ネットワークとインターネット」→「SIM」→「eSIMを追加」（または「SIMをダウンロード」）。
store-install-android-step2 = 「代わりにコードを使用」を選び、アクティベーションコードを貼り付けます。
store-install-activation-code = アクティベーションコード
store-install-qr-heading = ご利用になるスマートフォンで読み取ってください
store-install-qr-label = eSIMのアクティベーションコードの QR コード
store-install-qr-note = iPhone：「設定」→「モバイル通信」→「eSIMを追加」→「QRコードを使用」。Android：「設定」→「SIM」→「eSIMを追加」。QR コードは1回のみ使用できます。
store-install-other-ways = その他のインストール方法
store-install-by-hand = 手動で入力する
store-install-smdp = SM-DP+ アドレス
store-install-matching-id = アクティベーションコード（マッチング ID）
store-install-wifi-note = インストールは Wi‑Fi に接続した状態で行ってください。プランの有効期間は、対象国で eSIM が初めて接続した時点から始まります。
store-copy = コピー
store-copied = コピーしました
store-profile-not-installed = 未インストール
store-profile-downloaded = 端末にダウンロード済み
store-profile-installed = インストール済み
store-profile-unavailable = インストールできなくなりました
store-profile-deactivated = 無効化済み

## ご注文履歴（/store/orders）
store-orders-title = eSIMのご注文履歴
store-orders-status = ステータス
store-orders-from = 開始日
store-orders-to = 終了日
store-orders-show = 表示
store-orders-loading = ご注文を読み込み中…
store-orders-none = 条件に合うご注文はありません。
store-find-plan = プランを探す
store-orders-esims = eSIM数
store-filter-invalid-status = 一覧からステータスをお選びください。
store-filter-invalid-date = 日付は YYYY-MM-DD の形式で入力してください。
store-filter-invalid-range = 終了日が開始日より前になっています。

## マイeSIM（/store/esims）
store-esims-title = マイeSIM
store-esims-loading = eSIMを読み込み中…
store-esims-none = 海外eSIMはまだお持ちではありません。
store-esim-suspended = 一時停止中
store-esim-active = 利用可能
store-esim-installed = インストール状況
store-esim-data-used = データ使用量
store-esim-not-live = 使用量は最後に確認できた値です（現在、提供元から応答がありません）。
store-esim-state = 状態
store-esim-usage = 使用量
store-esim-starts = 開始日
store-esim-ends = 終了日
store-esim-meter-label = データ使用率
store-esim-add-data = データを追加（プランを選ぶ）
store-esim-suspend = 一時停止
store-esim-restore = 再開
store-esim-no-suspend = 現在の提供元の設定では、一時停止と再開はご利用いただけません。
store-bundle-processing = 追加処理中
store-bundle-queued = 海外でデータ通信を始めると開始
store-bundle-active = 利用中
store-bundle-depleted = 使い切り
store-bundle-expired = 期限切れ
store-bundle-revoked = 取り消し済み
store-bundle-lapsed = 失効（未使用）
store-bundle-unknown = 不明
store-usage-unlimited = { $used } 使用（無制限）
store-usage-of = { $total } 中 { $used } 使用
store-suspend-invalid = suspend には true または false を指定してください

## ストアのサーバーメッセージ（ページと GraphQL）
store-catalogue-loading = eSIMのプラン一覧（初回読み込み中）
store-no-plan-named = { $name } という名前のプランはありません。
store-supplier = eSIMの提供元
store-esimgo-unknown-esim = eSIM Go にこの eSIM が登録されていません。
store-esimgo-refused = eSIM Go に拒否されました：{ $message }
store-esim-not-yours = この ICCID の eSIM はお持ちではありません。
store-esim-not-yours-id = この ID の eSIM はお持ちではありません。
store-suspend-unsupported = eSIMの一時停止と再開には eSIM Go の API v2.5 が必要ですが、このポータルは旧バージョン向けに設定されています。
store-key-reused = このリクエストキーは別のご購入で使用済みです。もう一度プランを開いて新たにご購入ください。
store-plan-not-sold = このプランは販売を終了しました。
store-cannot-buy-later = このプランは現在ご購入いただけません。料金は発生していません。しばらくしてからもう一度お試しください。
store-cannot-buy-another = このプランは現在ご購入いただけません。料金は発生していません。別のプランをお選びいただくか、しばらくしてからもう一度お試しください。
store-no-such-order = 該当するご注文はありません。
store-graphql-auto-activate = eSIM Go のプランは対象国での初回接続時に開始されるため、autoActivate は指定できません。
store-graphql-not-json = リクエストが GraphQL の JSON リクエストではありません：{ $error }
