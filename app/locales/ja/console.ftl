# オペレーターコンソール（/ops）: ページ、サーバー関数、REST API、サービス。

## SIMのライフサイクル状態
console-state-available = 在庫
console-state-reserved = 予約済み
console-state-active = 開通中
console-state-suspended = 一時停止中
console-state-lost-stolen = 紛失・盗難
console-state-terminated = 解約済み

## ライフサイクル操作（ボタン、見出し）
console-op-reserve = 予約
console-op-activate = 開通
console-op-suspend = 一時停止
console-op-resume = 再開
console-op-report-lost = 紛失・盗難の届出
console-op-terminate = 解約
console-op-swap = 新しいカードへ差し替え

## SIMに対する操作名（「状態が〜のSIMに予約の操作はできません」）
console-op-done-reserve = 予約
console-op-done-activate = 開通
console-op-done-suspend = 一時停止
console-op-done-resume = 再開
console-op-done-report-lost = 紛失・盗難の届出
console-op-done-terminate = 解約
console-op-done-swap = 差し替え

## SIMデータのチェック（取り込み行、スタッフが入力したICCID）
console-iccid-missing = ICCIDがありません
console-iccid-not-digits = ICCIDに数字以外の文字が含まれています
console-iccid-length = ICCIDが{ $count }桁です。19桁または20桁で入力してください
console-iccid-prefix = ICCIDが89で始まっていません
console-iccid-luhn = ICCIDのチェックディジットが正しくありません（Luhn）
console-msisdn-invalid = MSISDNは11桁の携帯電話番号（070/080/090/020）で入力してください
console-code-digits = { $what }は{ $count }桁の数字で入力してください
console-code-digits-range = { $what }は{ $min }〜{ $max }桁の数字で入力してください
console-card-type-invalid = typeはprepaid、postpaid、data-onlyのいずれかです
console-row-columns = 列数が{ $count }です。各行はiccid,pin,puk,type（msisdnは任意）の列で構成してください

## スタッフのロールと権限
console-role-admin = 管理者
console-role-support = サポート
console-role-viewer = 閲覧者
console-forbidden-read = このロールでは表示できません。
console-forbidden-operate = このロールは閲覧のみです。変更はサポートまたは管理者に依頼してください。
console-forbidden-administer = この操作は管理者のみ行えます。
console-staff-email-invalid = スタッフの業務用メールアドレスを入力してください。

## SIM一覧の並び順と絞り込み
console-sort-iccid = ICCID昇順
console-sort-iccid-desc = ICCID降順
console-sort-created = 登録の古い順
console-sort-created-desc = 登録の新しい順
console-param-number = { $name }は数値で指定してください
console-filter-status-invalid = statusはAVAILABLE、RESERVED、ACTIVE、SUSPENDED、LOST_STOLEN、TERMINATEDのいずれかです
console-filter-sort-invalid = sortはiccid、-iccid、created、-createdのいずれかです
console-filter-page-range = pageは1〜{ $max }で指定してください。それ以降は絞り込み条件を狭めてください
console-filter-per-page-range = perPageは1〜{ $max }で指定してください
console-filter-q-invalid = ICCIDまたは電話番号の数字で検索してください

## 顧客情報、アクティベーションコード、料金プラン
console-customer-first-name-invalid = 名を入力してください（80文字以内）。
console-customer-last-name-invalid = 姓を入力してください（80文字以内）。
console-customer-email-invalid = name@example.com の形式でメールアドレスを入力してください。
console-customer-phone-invalid = 電話番号は0から始まる10桁または11桁で入力してください（例: 090-1234-5678）。
console-code-unused = 未使用
console-code-used = 使用済み
console-code-expired = 期限切れ
console-tariff-name-invalid = プラン名を入力してください（80文字以内）。
console-tariff-price-invalid = 月額料金は円単位の整数で入力してください。
console-tariff-price-range = 月額料金は¥0〜¥1,000,000の範囲で入力してください。
console-tariff-description-too-long = 説明は1,000文字以内で入力してください。
console-tariff-kind-invalid = 種類はmobileまたはdata-onlyを指定してください。

## コンソールのヘッダー
console-brand-sub = オペレーターコンソール
console-nav-dashboard = ダッシュボード
console-nav-sims = SIM
console-nav-customers = 顧客
console-nav-codes = コード
console-nav-tariffs = 料金プラン
console-nav-store = ストア
console-nav-imports = 取り込み
console-nav-staff = スタッフ
console-logout = ログアウト
console-loading = 読み込み中…

## /ops/login
console-login-title = スタッフログイン
console-login-intro-before = SonixNetスタッフ専用です。お客様は
console-login-intro-link = カスタマーポータル
console-login-intro-after = からログインしてください。
console-work-email = 業務用メールアドレス
console-login-password = パスワード
console-login-pending = ログイン中…
console-login-button = ログイン
console-login-demo = デモ用スタッフ（ロールごとに1名: 管理者、サポート、閲覧者）:
console-login-demo-password = パスワード:{" "}

## /ops: ダッシュボード
console-dashboard-title = ダッシュボード · オペレーターコンソール
console-dashboard-loading = 集計を読み込み中…
console-dashboard-total-all = 全SIM
console-dashboard-by-status = ステータス別SIM数
console-dashboard-activations = 開通数
console-dashboard-sims = SIM数
console-dashboard-period-day = 日別・直近90日
console-dashboard-period-week = 週別・直近12か月
console-dashboard-period-month = 月別・直近12か月
console-dashboard-activations-total = 開通数は合計{ $count }件です（{ $period }）。
console-dashboard-bucket-label = 開通数の集計単位
console-dashboard-bucket-day = 日
console-dashboard-bucket-week = 週
console-dashboard-bucket-month = 月
console-dashboard-by-tariff = 料金プラン別SIM数
console-dashboard-not-terminated = （解約済みを除く）

## コンソールの表と一覧で共通の語
console-col-status = ステータス
console-col-type = 種別
console-col-customer = 顧客
console-col-tariff = 料金プラン
console-col-last-change = 最終更新（JST）
console-any = すべて
console-search = 検索
console-prev = ← 前へ
console-next = 次へ →
console-page = { $page }ページ

## /ops/sims: SIM一覧
console-sims-title = SIM · オペレーターコンソール
console-sims-heading = SIMカード
console-sims-loading = SIMを読み込み中…
console-sims-empty = この条件に一致するSIMはありません。
console-sims-showing = { $first }〜{ $last }件を表示
console-sims-customer-link-title = この顧客のすべてのSIM
console-sims-q-label = ICCIDまたは電話番号
console-sims-q-placeholder = 8981… または 080…
console-sims-order = 並び順
console-sims-filter = 絞り込む
console-sims-clear = クリア
console-sims-customer-chip = 顧客 #{ $id }
console-sims-customer-chip-remove = 顧客の絞り込みを解除

## SIMの種別と料金プランの種類
console-card-prepaid = プリペイド
console-card-postpaid = ポストペイド
console-card-data-only = データ専用
console-tariff-kind-mobile = 音声通話
console-tariff-kind-data-only = データ専用

## SIM一覧の一括変更
console-preview = プレビュー
console-bulk-summary = この絞り込み条件のSIMをまとめて変更…
console-bulk-operation = 操作
console-bulk-reason = 理由（各SIMの履歴に記録されます）
console-bulk-limit = 一度に変更できるのは最大{ $max }件です。プレビューを適用するまで何も変更されません。
console-bulk-changed = { $count }件のSIMを変更しました。
console-bulk-not-changed = { $count }件は変更されませんでした（拒否されたか、その間に他の人が変更しました）。
console-bulk-will-change = { $count }件が変更されます
console-bulk-refused = 、{ $count }件は状態遷移のルールにより変更できません
console-bulk-truncated = （絞り込み結果の最初の{ $max }件のみです。残りは条件を狭めてください）
console-bulk-refused-item = 変更不可: { $reason }
console-bulk-apply = { $count }件のSIMを{ $op }

## /ops/codes: アクティベーションコード
console-codes-title = アクティベーションコード · オペレーターコンソール
console-codes-heading = アクティベーションコード
console-codes-loading = コードを読み込み中…
console-codes-code = コード
console-codes-expires = 有効期限（JST）
console-codes-used-at = 使用日時（JST）
console-codes-never = 無期限
console-codes-mark-used = 使用済みにする
console-codes-mark-expired = 期限切れにする

## /ops/customers と /ops/customers/{id}
console-email = メールアドレス
console-phone = 電話番号
console-save-changes = 変更を保存
console-customers-title = 顧客 · オペレーターコンソール
console-customers-add = 顧客を追加
console-customers-add-button = 顧客を追加
console-customers-added-before = 顧客{" "}
console-customers-added-after = {" "}を追加しました。
console-customers-q-label = 氏名、メールアドレス、電話番号または顧客ID
console-customers-loading = 顧客を読み込み中…
console-customers-id = ID
console-customers-name = 氏名
console-customers-empty = 該当する顧客はいません。
console-customer-title = 顧客 · オペレーターコンソール
console-customer-back = ← 顧客一覧
console-customer-loading = 顧客情報を読み込み中…
console-customer-edit = 登録内容を編集
console-customer-id = 顧客ID
console-customer-since = 登録日
console-customer-sims = SIM（{ $count }件）
console-customer-first-name = 名
console-customer-last-name = 姓
console-customer-phone-optional = 電話番号（任意）
console-assign-heading = SIMを割り当て
console-assign-hint = 在庫のカードをこの顧客用に予約します。開通はSIMのページから行ってください。
console-assign-iccid = 在庫SIMのICCID
console-assign-button = 割り当て
console-assign-done = { $iccid }をこの顧客用に予約しました。
console-changes-heading = 変更履歴
console-changes-empty = スタッフによる変更はまだありません。
console-changes-before = 変更前:{" "}
console-changes-after = 変更後:{" "}
console-action-created = 作成
console-action-updated = 更新
console-action-deleted = 削除
console-action-marked-used = 使用済みに変更
console-action-marked-expired = 期限切れに変更

## /ops/imports: CSVの取り込み
console-imports-title = SIMの取り込み · オペレーターコンソール
console-imports-heading = SIMカードの取り込み
console-imports-admin-only = SIMカードの取り込みは管理者のみ行えます。
console-imports-choose-file = 先にCSVファイルを選択してください。
console-imports-still-loading = ページの読み込みが完了していません
console-imports-unreadable-reply = 応答を読み取れませんでした
console-imports-rows = 行数
console-verdict-new = 新規
console-verdict-duplicate-in-file = ファイル内で重複
console-verdict-duplicate-in-database = 在庫に登録済み
console-verdict-invalid = 不正
console-imports-line = 行
console-imports-verdict = 判定
console-imports-reason = 理由
console-imports-truncated = { $total }行のうち最初の{ $shown }行を、問題のある行から順に表示しています。
console-imports-step-file = 1. ファイルを選択
console-imports-help-columns = 列が{" "}
console-imports-help-header = {" "}のCSVファイルです（ヘッダー行は任意です。
console-imports-help-type = はprepaid、postpaid、data-onlyのいずれか、
console-imports-help-msisdn = は空欄でも構いません）。確定するまで何も書き込まれません。
console-imports-checking = 確認中…
console-imports-done = 新しいSIMを{ $count }件取り込みました。{ $skipped }行はスキップしました。
console-imports-see-new = 取り込んだSIMを見る
console-imports-step-preview = 2. プレビューを確認
console-imports-download-rejected = 取り込めない{ $count }行を理由付きでダウンロード（CSV）
console-imports-step-import = 3. 取り込み
console-imports-import-hint = 新規の行だけが、それぞれIMPORTEDイベント付きの在庫SIMとして、1つのトランザクションで追加されます。同じファイルをもう一度取り込んでも重複して追加されることはありません。
console-imports-importing = 取り込み中…
console-imports-commit = 新しいSIMを{ $count }件取り込む

## /ops/sims/{id}: SIMの詳細、操作と履歴
console-sim-title = SIM · オペレーターコンソール
console-sim-back = ← SIM一覧
console-sim-loading = SIMを読み込み中…
console-sim-number = 電話番号
console-sim-final = 解約済みのため、これ以上変更できません。
console-sim-done = 完了しました: { $op }。
console-sim-tab-details = 詳細
console-sim-tab-history = 履歴（{ $count }件）
console-sim-activation-code = アクティベーションコード
console-sim-added = 登録日時
console-sim-last-change = 最終更新
console-sim-version = {" "}JST · バージョン { $version }
console-sim-reveal = PINとPUKを表示
console-sim-reveal-hint = {" "}表示するたびに、あなたの名前で履歴に記録されます。
console-sim-change-none = なし
console-hint-reserve = このカードを顧客用に予約します。開通は後から行えます。
console-hint-activate = カードを開通します。アクティベーションコードを入力した場合は、そのコードが使用済みになります。
console-hint-suspend = 再開するまで通信サービスが停止します。
console-hint-resume = 通信サービスを再開します。
console-hint-report-lost = カードは恒久的に利用停止になります。続けて電話番号を新しいカードへ差し替えてください。
console-hint-terminate = この操作は取り消せません。カードは二度と使用できなくなり、電話番号は解放されます。
console-hint-swap = 電話番号と料金プランを新しい在庫カードへ移し、このカードは解約されます。
console-action-reason = 理由（履歴に記録されます）
console-action-code = アクティベーションコード（任意）
console-action-tariff = 料金プラン
console-action-tariff-none = なし
console-action-tariff-keep = { $name }のまま
console-action-new-iccid = 新しいカードのICCID（在庫のカードに限ります）
console-cancel = キャンセル
console-event-imported = 取り込み
console-event-reserved = 予約
console-event-activated = 開通
console-event-suspended = 一時停止
console-event-resumed = 再開
console-event-reported-lost = 紛失・盗難の届出
console-event-terminated = 解約
console-event-swapped = 差し替え（旧カード）
console-event-swapped-in = 差し替え（新カード）
console-event-pin-revealed = PIN/PUKの表示
console-event-change = { $kind }: { $from } → { $to }
console-source-console = コンソール
console-source-api = API
console-source-import = 取り込み
console-source-system = システム

## /ops/staff: スタッフのログイン
console-staff-title = スタッフ · オペレーターコンソール
console-staff-heading = スタッフのログイン
console-staff-admin-only = スタッフのログインを管理できるのは管理者のみです。
console-staff-role = ロール
console-staff-since = 登録日時（JST）
console-staff-state = 状態
console-staff-role-of = { $email }のロール
console-staff-set-role = ロールを変更
console-staff-disabled = 無効
console-staff-active = 有効
console-staff-enable = 有効にする
console-staff-disable = 無効にする
console-staff-add-heading = スタッフのログインを追加
console-staff-first-password = 初期パスワード（10文字以上。本人に直接伝えてください）
console-staff-add = 追加

## /ops/store-plans: 旅行者向けeSIMストアの掲載管理
console-plan = プラン
console-store-title = ストアのプラン · オペレーターコンソール
console-store-heading = 旅行者向けeSIMストア
console-store-intro = おすすめに設定したプランは、ストアのトップページに優先して表示されます。カタログ自体はeSIM Goから1時間ごとに取得しています。
console-store-country = 国・地域
console-store-loading = プランを読み込み中…
console-store-featured-now = 現在のおすすめ（{ $count }件）
console-store-results = 検索結果（{ $count }件）
console-store-price = 料金
console-store-featured = おすすめ
console-store-feature = おすすめに設定
console-store-unfeature = おすすめを解除

## /ops/tariffs: 料金プラン
console-tariffs-title = 料金プラン · オペレーターコンソール
console-tariffs-heading = 料金プラン
console-tariffs-loading = プランを読み込み中…
console-tariffs-name = プラン名
console-tariffs-price = 月額料金（¥）
console-tariffs-kind = 種類
console-tariffs-description = 説明
console-tariffs-monthly = 月額
console-tariffs-add-button = プランを追加
console-tariffs-edit = 編集
console-tariffs-delete = 削除
console-tariffs-add-heading = 料金プランを追加

## コンソールのサーバー関数、サービス、REST APIのエラー
console-unknown-operation = 不明な操作です
console-no-such-customer = 該当する顧客が見つかりません。
console-no-such-tariff = 該当する料金プランが見つかりません。
console-no-such-code = 該当するアクティベーションコードが見つかりません。
console-no-such-staff = 該当するスタッフのログインが見つかりません。
console-no-such-sim = 該当するSIMカードが見つかりません。
console-no-such-operation = 該当する操作がありません。
console-no-such-operation-named = 操作「{ $op }」はありません。{ $known }のいずれかを指定してください。
console-code-status-invalid = statusはUNUSED、USED、EXPIREDのいずれかです
console-code-mark-invalid = statusはUSEDまたはEXPIREDです
console-bulk-items-invalid = itemsはプレビューから指定してください
console-bulk-items-list = itemsはプレビューで得た{"{"}"id", "version"{"}"}のリストで指定してください
console-role-invalid = roleはadmin、support、viewerのいずれかです
console-page-range = pageは1〜10000で指定してください
console-unknown-param = 不明なパラメーター「{ $name }」です。{ $known }を使用してください。
console-body-wrong-types = リクエスト本文の項目の型が正しくありません（{ $detail }）。
console-param-date = { $name }は日付（YYYY-MM-DD）で指定してください
console-bucket-invalid = bucketはday、week、monthのいずれかです
console-dry-run-invalid = dryRunはtrueまたはfalseです
console-reason-required = { $op }の理由を入力してください。
console-reason-too-long = 理由は500文字以内で入力してください。
console-not-allowed = 状態が「{ $state }」のSIMに{ $op }の操作はできません。現在可能な操作: { $allowed }。
console-not-allowed-nothing = なし（最終状態です）
console-changed-meanwhile = 直前に他の人がこのSIMを変更しました。再読み込みして現在の状態を確認してください。
console-code-not-unused = このアクティベーションコードは{ $status }です。
console-code-has-expired = このアクティベーションコードは有効期限が切れています。
console-code-just-used = このアクティベーションコードは直前に使用されました。
console-no-sim-with-id = ID { $id }のSIMカードはありません。
console-reserve-customer-required = このSIMを予約する顧客を指定してください。
console-activate-customer-required = このSIMを開通する顧客を指定してください。
console-swap-iccid-required = 新しいカードのICCIDを入力してください。
console-iccid-not-in-inventory = このICCIDのカードは在庫にありません。
console-swap-not-available = 新しいカードは在庫の状態である必要があります（現在: { $state }）。
console-bulk-no-swap-preview = 差し替えと予約はカードまたは顧客の指定が必要なため、SIMごとに行ってください。
console-bulk-no-swap-apply = 差し替えと予約はSIMごとに行ってください。
console-bulk-refusal = 状態が「{ $state }」のSIMはこの方法では変更できません。
console-bulk-pick = プレビューからSIMを1〜{ $max }件選んでください。
console-import-unreadable = ファイルをCSVとして読み取れません（{ $error }）。
console-import-too-many = ファイルが{ $max }行を超えています。分割してください。
console-import-same-iccid = { $line }行目とICCIDが重複しています
console-import-same-msisdn = { $line }行目とMSISDNが重複しています
console-import-empty = ファイルにデータ行がありません。各行はiccid,pin,puk,type[,msisdn]の形式です。
console-import-iccid-taken = このICCIDはすでに在庫に登録されています
console-import-msisdn-taken = このMSISDNはすでに在庫のSIMに割り当てられています
console-import-conflict = 直前に他の人がこれらのSIMの一部を追加しました。何も取り込まれていません。もう一度ファイルをプレビューしてください。
console-import-body-unreadable = ファイルを読み取れませんでした。
console-import-content-type = ファイルはContent-Type: text/csvでリクエスト本文として送信してください。
console-staff-self-change = 自分自身の降格や無効化はできません。別の管理者に依頼してください。
console-staff-email-taken = このメールアドレスのスタッフのログインはすでに存在します。
console-no-staff-with-id = ID { $id }のスタッフのログインはありません。
console-no-tariff = 料金プランなし
console-range-reversed = toはfrom以降の日付を指定してください
console-range-too-long = 一度に指定できる期間は3年までです。
console-tariff-name-taken = この名前の料金プランはすでにあります。
console-no-customer-with-id = ID { $id }の顧客はいません。
console-no-code-with-id = ID { $id }のアクティベーションコードはありません。
console-code-final = このコードは{ $status }です。使用済み・期限切れにできるのは未使用のコードのみです。
console-code-changed-meanwhile = このコードは直前に変更されました。再読み込みしてください。
console-no-tariff-with-id = ID { $id }の料金プランはありません。
console-tariff-in-use = この料金プランを使用しているSIMがあります。先に別のプランへ移してください。
