# ドメインの文言: 日付、エラー、利用量、SIM の状態と操作、チャージ、アラート、旅行ローミング、フィード。
# 日付の書式は chrono のパターンです。
domain-datetime-format = %Y年%-m月%-d日 %H:%M
domain-date-format = %Y年%-m月%-d日
domain-short-date-format = %-m月%-d日
domain-cancel-date-invalid = 解約日を選んでください（YYYY-MM-DD）。
domain-error-unauthorized = 続けるにはログインしてください。
domain-error-invalid-credentials = メールアドレスまたはパスワードが正しくありません。
domain-error-not-found = ご契約が見つかりませんでした。
domain-error-too-large = リクエストが大きすぎます。
domain-error-unconfirmed = お申し込みは送信しましたが、通信網からの確認が時間内に届きませんでした。再送はしないでください。通信網から反映の報告があり次第、このページに表示されます。
domain-error-upstream = { $name }が現在応答していません。数分後にもう一度お試しください。
domain-error-internal = 当社側で問題が発生しました。しばらくしてからもう一度お試しください。
domain-error-transport = ポータルに接続できませんでした（{ $reason }）。接続を確認して、もう一度お試しください。
domain-error-transport-network = ネットワークエラー
domain-error-transport-reply = 予期しない応答
domain-error-bad-args = リクエストの項目が不足しているか、正しくありません。
domain-wait-seconds = { $count ->
   *[other] { $count }秒
}
domain-wait-minutes = { $count }分
domain-rate-limited = { $what }{ $wait }ほど待ってから、もう一度お試しください。
domain-network-type-invalid = ネットワーク種別は 4G か 5G を指定してください（{ $value } は指定できません）。
domain-feature-voice-mail = 留守番電話{ $state ->
    [on] オン
   *[off] オフ
}
domain-feature-call-waiting = キャッチホン{ $state ->
    [on] オン
   *[off] オフ
}
domain-feature-roaming = 国際ローミング{ $state ->
    [on] オン
   *[off] オフ
}
domain-feature-network = ネットワーク { $network }
domain-list-separator = 、
domain-sim-active = 利用中
domain-sim-suspended = 利用停止中
domain-sim-cancelled = 解約済み
domain-sim-pending = 準備中
domain-sim-physical = 物理SIM
domain-sim-esim = eSIM
domain-plan-other = その他のプラン（{ $code }）
domain-unknown = 不明
domain-outcome-accepted = 受付済み
domain-outcome-failed = 失敗
domain-outcome-unconfirmed = 未確認
domain-service-active = 利用中
domain-service-pending = 手続き中
domain-service-suspended = 利用停止中
domain-service-terminated = 契約終了
domain-service-cancelled = 解約済み
domain-pending-plan = { $date }に{ $plan }へプラン変更予定です。
domain-pending-cancel = このSIMは{ $date }に解約予定です。
domain-pending-features = { $change }を反映中です（通常数分で完了します）。
domain-pending-network = 回線を{ $network }に切り替えています。最大30分かかり、その間ほかの変更はお待ちいただきます。
domain-pending-reissue = 新しい端末向けにeSIMを再発行しています。まもなくインストールできるようになります。
domain-why-cancelled = このSIMは解約済みです。記録のため詳細はここに残ります。
domain-why-setting-up = このSIMはまだ準備中です。しばらくしてからもう一度お試しください。
domain-why-other-state = 回線がオンラインでは変更できない状態です。サポートにお問い合わせください。
domain-why-switching = 回線を{ $network }に切り替え中のため、完了するまで（最大30分）ほかの変更はできません。
domain-why-plan-scheduled = { $date }に{ $plan }への変更がすでに予約されています。別のプランを選ぶには、先にその予約を取り消してください。
domain-why-suspended = 回線は利用停止中です。再開するにはサポートにお問い合わせください。
domain-why-cancelling = このSIMは{ $date }に解約予定のため、{ $what }はできません。
domain-action-plan-change = プラン変更
domain-why-plan-not-online = このプランはオンラインでは変更できません。サポートにお問い合わせください。
domain-why-cancel-scheduled = { $date }の解約がすでに予約されています。
domain-why-physical = 再発行できるのはeSIMのみです。新しい物理SIMカードはサポートにお問い合わせください。
domain-why-reissuing = 再発行の手続きがすでに進行中です。
domain-why-options-applying = 前回のオプション変更をまだ反映中です。
domain-why-no-network-type = 通信事業者からこの回線のネットワーク種別が報告されていません。変更するにはサポートにお問い合わせください。
domain-topup-date-format = { $what }は日付（YYYY-MM-DD）で入力してください。
domain-topup-date-range = { $what }は{ $from }から{ $to }までの日付を選んでください。
domain-topup-amount-missing = 容量を選ぶか、MB単位で入力してください。
domain-topup-amount-whole = 容量はMB単位の整数で入力してください（例: 2500）。
domain-topup-campaign-invalid = キャンペーンコードは英数字・「-」・「_」の32文字以内です。
domain-topup-the-date = チャージ日
domain-topup-the-expiry = 有効期限
domain-idempotency-key-invalid = 冪等キーは英数字と「-」「_」「:」「.」の8〜100文字です。
domain-topup-added = 追加済み
domain-topup-in-progress = 処理中
domain-topup-scheduled = 予約済み
domain-topup-voided = クレジットで返金済み
domain-topup-not-paid = 未払い
domain-history-date-format = { $field }は YYYY-MM-DD で指定してください。
domain-history-order = fromDate は toDate 以前の日付にしてください。
domain-history-max = 履歴は1回のリクエストにつき最長1年分です。
domain-eid-missing = 新しい端末のEIDを入力してください。
domain-eid-digits = EIDは数字のみです。
domain-eid-length = EIDは{ $want }桁です（入力は{ $got }桁）。
domain-eid-prefix = EIDは89で始まります。
domain-eid-check = EIDのチェックディジットが一致しません。1桁ずつご確認ください。
domain-quota-min = チャージは{ $mb } MB以上で指定してください。
domain-quota-max = チャージは最大{ $mb } MB（50 GB）です。
domain-forecast-unknown = 予測できるほどの最近の利用データがまだありません。
domain-forecast-exhausted = 高速データ通信量を使い切りました。{ $date }に更新されます。今すぐチャージすることもできます。
domain-forecast-runs-out = このペース（1日{ $pace }）だと、データは{ $date }までもちます。
domain-forecast-lasts = このペース（1日{ $pace }）なら、{ $date }の更新日までデータがもちます。
domain-right-size-over = 直近{ $days }日間の利用量は{ $used }で、どのプランの容量よりも多めです。{ $plan }とチャージの組み合わせで足りていました。
domain-right-size-right = 直近{ $days }日間の利用量は{ $used }です。今の{ $plan }プランがちょうどよいサイズです。
domain-right-size-bigger = 直近{ $days }日間の利用量は{ $used }で、今の{ $plan }プランを超えています。{ $suggestion }なら足りていました。
domain-right-size-smaller = 直近{ $days }日間の利用量は{ $used }です。{ $suggestion }で足りていました。
domain-alert-percent-range = データ容量の割合は1〜99%の間で選んでください。
domain-alert-left-range = 残量は10 MB〜100 GBの間で選んでください。
domain-alert-kind = 「使用済みの割合」か「データ残量」を選んでください。
domain-alert-percent = { $percent }%使用
domain-alert-left = 残り{ $amount }
domain-alert-percent-reached = 今月のデータ容量の{ $percent }%以上を使用しました（{ $total }中{ $used }）。
domain-alert-left-reached = 今月のデータ残量が{ $left }になりました（アラート設定: 残り{ $amount }）。
domain-alert-duplicate = このアラートはすでに設定されています。
domain-alert-max = SIM 1枚に設定できるアラートは{ $max }件までです。先にどれかを削除してください。
domain-trip-date-format = 日付は YYYY-MM-DD で入力してください。
domain-trip-tomorrow = 旅行の開始日は明日以降にしてください。
domain-trip-within-year = 旅行の開始日は1年以内にしてください。
domain-trip-order = 最終日が初日より前になっています。
domain-trip-max-days = 旅行の期間は最長{ $days }日です。
domain-trip-label = 旅行の名前は60文字以内です。
domain-trip-scheduled = 予約済み
domain-trip-underway = ローミング中
domain-trip-over = 終了
domain-trip-cancelled = 取り消し済み
domain-trip-failed = 切り替え失敗
domain-range-sep = 〜
domain-range-month-first = %Y年%-m月%-d日
domain-range-month-last = %-m月%-d日
domain-range-day-first = %Y年%-m月%-d日
domain-range-day-last = %-d日
domain-range-day-sep = 〜
domain-feed-label-missing = 使う場所がわかる名前を付けてください（例: Home Assistant）。
domain-feed-label-long = トークン名は40文字以内です。
